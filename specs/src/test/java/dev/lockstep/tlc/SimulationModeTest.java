package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code \* tlc-mode: simulate num=N depth=D seed=S} directive of a config. */
class SimulationModeTest {

    @Test
    void directiveOnAnyLineSelectsSimulation() {
        CfgFile cfg = CfgFile.parse("""
                \\* expect-violation: LogBounded
                \\* Some words about this config.
                  \\*   tlc-mode:   simulate  seed=-3 num=20000   depth=60
                INIT Init
                NEXT Next
                INVARIANT LogBounded
                """);
        assertEquals(Optional.of(new SimulationMode(20_000, 60, -3)), cfg.simulation());
        assertEquals(Optional.of("LogBounded"), cfg.expectedViolation());
        assertEquals(List.of("LogBounded"), cfg.invariants());
    }

    @Test
    void withoutADirectiveTheConfigIsModelChecked() {
        assertEquals(Optional.empty(), CfgFile.parse("INIT Init\n\\* tlc-modes are explained elsewhere\n").simulation());
        assertEquals(Optional.empty(), CfgFile.parse("\\* simulate num=1 depth=1 seed=1\nINIT Init\n").simulation());
    }

    @Test
    void tlcArgumentsAndDescription() {
        SimulationMode m = SimulationMode.parse("simulate num=20000 depth=60 seed=1");
        assertEquals(List.of("-simulate", "num=20000", "-depth", "60", "-seed", "1"), m.tlcArgs());
        assertEquals("20,000 behaviours of depth <= 60, seed 1", m.describe());
        assertEquals("1 behaviour of depth <= 5, seed 9", m.withNum(1).withDepth(5).withSeed(9).describe());
    }

    @Test
    void malformedDirectiveNamesFileLineAndProblem() {
        assertProblem("\\* tlc-mode: simulate num=100 depth=60", "missing seed");
        assertProblem("\\* tlc-mode: simulate num=100 seed=1", "missing depth");
        assertProblem("\\* tlc-mode: simulate", "missing num");
        assertProblem("\\* tlc-mode: simulate num=1e4 depth=60 seed=1", "num must be an integer, got '1e4'");
        assertProblem("\\* tlc-mode: simulate num=0 depth=60 seed=1", "num must be at least 1");
        assertProblem("\\* tlc-mode: simulate num=10 depth=0 seed=1", "depth must be between 1 and");
        assertProblem("\\* tlc-mode: simulate num=10 depth=5 seed=1 workers=2", "unexpected 'workers=2'");
        assertProblem("\\* tlc-mode: simulate num=10 depth=5 seed 1", "unexpected 'seed'");
        assertProblem("\\* tlc-mode: simulate num=10 num=20 depth=5 seed=1", "num is given twice");
        assertProblem("\\* tlc-mode: bfs", "unknown mode 'bfs' (the only mode is 'simulate')");
        assertProblem("\\* tlc-mode:", "no mode given");
        assertProblem("\\* tlc-mode simulate num=10 depth=5 seed=1", "no ':' after tlc-mode");
    }

    @Test
    void secondDirectiveIsRejected() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> CfgFile.parse("MCX.cfg", """
                \\* tlc-mode: simulate num=10 depth=5 seed=1
                INIT Init
                \\* tlc-mode: simulate num=10 depth=5 seed=2
                """));
        assertEquals("MCX.cfg line 3: a second tlc-mode directive (the first is on line 1)", e.getMessage());
    }

    /** {@code directive} on line 2 of a config named MCX.cfg is rejected for {@code problem}. */
    private static void assertProblem(String directive, String problem) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> CfgFile.parse("specs/x/MCX.cfg", "INIT Init\n" + directive + "\nNEXT Next\n"));
        String expectedStart = "specs/x/MCX.cfg line 2: malformed tlc-mode directive '" + directive + "': "
                + problem;
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertTrue(e.getMessage().endsWith("; expected '\\* tlc-mode: simulate num=<N> depth=<D> seed=<S>'"),
                e.getMessage());
    }
}
