package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lockstep check} end to end on the toy specs: output and exit status. */
class CheckMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--specs-root";
        all[args.length + 1] = Fixtures.root().toString();
        all[args.length + 2] = "--workers";
        all[args.length + 3] = "1";
        return CheckMain.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ciConfigsPassWithSummaryAndTable() {
        assertEquals(0, check("toy"));
        String o = out();
        assertTrue(o.contains("MCToy.cfg: no violation. 76 distinct states (143 generated), depth 9"), o);
        assertTrue(o.contains("checked invariants: TypeOK, LogBounded; properties: Monotonic"), o);
        assertTrue(o.contains("Summary for toy:"), o);
        assertTrue(!o.contains("MCToyDeep.cfg"), "deep config ran without --deep:\n" + o);
        assertTrue(o.contains("Checking toy: MCToySim.cfg  (MCToy.tla, simulation: 1,000 behaviours of "
                + "depth <= 20, seed 1, 1 worker)"), o);
        assertTrue(o.contains("MCToySim.cfg: no violation. simulation: 1,000 behaviours of depth <= 20, "
                + "seed 1, 11,051 states generated, "), o);
        assertTrue(o.contains("random behaviours only, not every reachable state: --seed 1 reproduces"), o);
        assertTrue(o.matches("(?s).*\n  MCToySim\\.cfg +no violation +simulation +<= 20 .*"), o);
    }

    @Test
    void simulationViolationPrintsTheCounterexampleAndTheSeed() {
        assertEquals(1, check("toy", "--config", "buggy/MCToySimShortLog.cfg"));
        String o = out();
        assertTrue(o.contains("MCToySimShortLog.cfg: VIOLATION of invariant LogBounded. simulation: found "
                + "within the first "), o);
        assertTrue(o.contains(" of 1,000 behaviours of depth <= 10, seed 7, "), o);
        assertTrue(o.contains("(this config is expected to violate LogBounded)"), o);
        assertTrue(o.contains("Counterexample (7 states; state 1 in full"), o);
        assertTrue(o.contains("    7. DeliverSome   (Toy.tla line 33)"), o);
    }

    @Test
    void commandLineOverridesTheSimulationDirective() {
        assertEquals(0, check("toy", "--config", "MCToySim.cfg", "--num", "50", "--depth", "3", "--seed", "9"));
        assertTrue(out().contains("MCToySim.cfg: no violation. simulation: 50 behaviours of depth <= 3, seed 9, "),
                out());
        assertTrue(out().contains("--seed 9 reproduces this run"), out());
    }

    @Test
    void malformedDirectiveExitsTwoNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("MCToyBad.cfg");
        Files.writeString(cfg, "\\* expect-violation: LogBounded\n\\* tlc-mode: simulate num=10 depth=5\nINIT Init\n");
        assertEquals(2, check("toy", "--config", cfg.toString()));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("check: " + cfg + " line 2: malformed tlc-mode directive "
                + "'\\* tlc-mode: simulate num=10 depth=5': missing seed; expected '"
                + SimulationMode.DIRECTIVE + "'"), e);
        assertEquals("", out());
    }

    @Test
    void deepRunsOnlyDeepConfigs() {
        assertEquals(0, check("toy", "--deep"));
        assertTrue(out().contains("MCToyDeep.cfg: no violation. 1,050 distinct states"), out());
        assertTrue(!out().contains("Checking toy: MCToy.cfg"), out());
    }

    @Test
    void violationPrintsTheCounterexampleAndExitsOne() {
        assertEquals(1, check("toy", "--config", "buggy/MCToyShortLog.cfg"));
        String o = out();
        assertTrue(o.contains("MCToyShortLog.cfg: VIOLATION of invariant LogBounded."), o);
        assertTrue(o.contains("(this config is expected to violate LogBounded)"), o);
        assertTrue(o.contains("  1. Initial predicate"), o);
        assertTrue(o.contains("counter = [n1 |-> 0, n2 |-> 0]"), o);
        assertTrue(o.contains("  2. Send   (Toy.tla line 19)\n        counter[n1] = 1   (was 0)\n"
                + "        inbox + [from |-> \"n1\", val |-> 1] :> 1\n"), o);
        assertTrue(o.contains("log ++ <<"), o);
    }

    @Test
    void environmentProblemsExitTwo() {
        assertEquals(2, check("nosuch"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown protocol 'nosuch'; known: broken, overrides, slow, toy"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, check("toy", "--config", "MCMissing.cfg"));
        assertEquals(2, check("broken"));
        assertTrue(out().contains("MCBroken.cfg: ERROR"), out());
        assertEquals(2, check("toy", "--bogus-flag"));
        assertEquals(2, CheckMain.run(new String[0], new PrintStream(out), new PrintStream(err), false));
    }
}
