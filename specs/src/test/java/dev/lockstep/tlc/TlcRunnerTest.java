package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real TLC (forked) on the toy specs under src/test/resources. */
class TlcRunnerTest {

    private final TlcRunner runner = new TlcRunner();

    @Test
    void passingSpecReportsItsStateSpace() {
        TlcResult r = runner.run(Fixtures.job("toy", "MCToy.tla", "MCToy.cfg"), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.PASSED, r.outcome(), () -> String.valueOf(r.error()));
        assertEquals(0, r.exitCode());
        assertEquals(76, r.stats().distinct());
        assertEquals(143, r.stats().generated());
        assertEquals(9, r.stats().depth());
        assertTrue(r.behavior().isEmpty());
    }

    @Test
    void violationGivesTheInvariantAndACounterexampleOfOnlyChangedVariables() {
        TlcJob job = Fixtures.job("toy", "MCToy.tla", "buggy/MCToyShortLog.cfg");
        TlcResult r = runner.run(job, TlcListener.NONE);
        assertEquals(TlcResult.Outcome.VIOLATION, r.outcome(), () -> String.valueOf(r.error()));
        assertEquals("invariant LogBounded", r.violation().headline());
        List<TraceState> states = r.behavior().states();
        assertEquals(5, states.size());
        assertEquals(TraceState.INITIAL, states.get(0).action());
        assertEquals("Send", states.get(1).action());
        assertEquals("Toy.tla line 19", states.get(1).location());

        List<List<String>> printed = perState(new CounterexampleFormatter(100).format(r.behavior()));
        assertEquals(Set.of("counter", "inbox", "log", "seen"), variablesNamed(printed.get(0)));
        for (int i = 1; i < states.size(); i++) {
            assertEquals(changed(states.get(i - 1), states.get(i)), variablesNamed(printed.get(i)),
                    "state " + (i + 1) + " printed " + printed.get(i));
        }
    }

    /** A config of the toy protocol found by {@link SpecLayout}, as {@code ./lockstep check} finds it. */
    private static ModelConfig toyConfig(String name) {
        SpecLayout layout = new SpecLayout(Fixtures.root());
        ProtocolSpecs toy = layout.protocol("toy").orElseThrow();
        return java.util.stream.Stream.concat(layout.ciConfigs(toy).stream(), layout.buggyConfigs(toy).stream())
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void simulationGeneratesExactlyItsBehavioursAndItsSeedReproducesTheRun() {
        ModelConfig config = toyConfig("MCToySim.cfg");
        TlcJob job = config.job(4);
        assertEquals(Optional.of(new SimulationMode(1000, 20, 1)), job.simulation());
        assertEquals(1, job.workers());

        TlcResult r = runner.run(job, TlcListener.NONE);
        assertEquals(TlcResult.Outcome.PASSED, r.outcome(), () -> String.valueOf(r.error()));
        assertEquals(1000, r.stats().traces());
        assertEquals(0, r.stats().distinct());
        assertTrue(r.messages().stream().anyMatch(m -> m.code() == TlcCodes.MODE_SIMU
                && m.text().startsWith("Running Random Simulation with seed 1 with 1 worker")), r.messages()::toString);
        // The same seed explores the same behaviours: as many states as the captured run
        // (tlc-output/simulate-passed.out) and as a second run; another seed explores others.
        assertEquals(11_051, r.stats().generated());
        TlcResult other = runner.run(job.withSimulation(new SimulationMode(1000, 20, 2)), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.PASSED, other.outcome(), () -> String.valueOf(other.error()));
        assertTrue(other.stats().generated() != r.stats().generated(), other.stats()::toString);
    }

    @Test
    void simulationFindsAViolationAndReportsItsCounterexampleLikeModelChecking() {
        ModelConfig config = toyConfig("MCToySimShortLog.cfg");
        TlcResult r = runner.run(config.job(2), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.VIOLATION, r.outcome(), () -> String.valueOf(r.error()));
        assertEquals("invariant LogBounded", r.violation().headline());
        assertEquals(Optional.empty(), Expectation.problem(config, r));
        // Seed 7 leads to the same counterexample every time (it is the captured one).
        assertEquals(List.of(TraceState.INITIAL, "Send", "DeliverSome", "Send", "Send", "Send", "DeliverSome"),
                r.behavior().states().stream().map(TraceState::action).toList());
        assertTrue(r.stats().traces() >= 1 && r.stats().traces() < 1000, r.stats()::toString);
        assertTrue(r.stats().generated() >= 6, r.stats()::toString);
    }

    @Test
    void simulationJobPassesItsArgumentsAndHasOneWorker() {
        TlcJob job = TlcJob.of(Path.of("a/MCX.tla"), Path.of("a/MCX.cfg"))
                .withSimulation(new SimulationMode(500, 30, 42))
                .withExtraTlcArgs(List.of("-deadlock"));
        List<String> cmd = TlcCommand.build(job, Path.of("/tmp/work"));
        assertEquals(List.of("-simulate", "num=500", "-depth", "30", "-seed", "42", "-deadlock",
                Path.of("a/MCX.tla").toAbsolutePath().toString()), cmd.subList(cmd.size() - 8, cmd.size()));
        assertEquals("1", cmd.get(cmd.indexOf("-workers") + 1));
        assertThrows(IllegalArgumentException.class, () -> job.withWorkers(2));
    }

    @Test
    void malformedDirectiveIsAnErrorWithoutForking(@TempDir Path dir) throws java.io.IOException {
        Path cfg = dir.resolve("MCToyBad.cfg");
        Files.writeString(cfg, "INIT Init\n\\* tlc-mode: simulate num=10 depth=5\nNEXT Next\n");
        TlcResult r = runner.run(TlcJob.of(Fixtures.file("toy/MCToy.tla"), cfg), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertTrue(r.error().startsWith(cfg + " line 2: malformed tlc-mode directive"), r.error());
        assertTrue(r.messages().isEmpty());
    }

    @Test
    void parseErrorIsAnErrorWithSanysMessage() {
        TlcResult r = runner.run(Fixtures.job("broken", "MCBroken.tla", "MCBroken.cfg"), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertEquals(150, r.exitCode());
        assertTrue(r.error().startsWith("TLC could not parse the spec (exit 150)"), r.error());
        assertTrue(r.error().contains("line 4, column 9"), r.error());
    }

    @Test
    void missingFilesAreErrorsWithoutForking() {
        TlcResult r = runner.run(Fixtures.job("toy", "MCNope.tla", "MCToy.cfg"), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertTrue(r.error().startsWith("spec file not found: "), r.error());
        assertTrue(r.messages().isEmpty());
    }

    @Test
    void timeoutStopsTheForkAndProgressIsReportedMeanwhile() {
        List<TlcProgress> progress = new ArrayList<>();
        TlcJob job = Fixtures.job("slow", "MCSlow.tla", "MCSlow.cfg")
                .withTimeout(Duration.ofSeconds(4))
                .withProgressInterval(Duration.ofMillis(250));
        TlcResult r = runner.run(job, new TlcListener() {
            @Override
            public void onProgress(TlcProgress p) {
                progress.add(p);
            }
        });
        assertEquals(TlcResult.Outcome.TIMEOUT, r.outcome());
        assertFalse(progress.isEmpty(), "no progress reported");
        TlcProgress last = progress.get(progress.size() - 1);
        assertTrue(last.stats().distinct() > 0 && last.stats().generated() >= last.stats().distinct(),
                last.toString());
        assertEquals(last.stats(), r.stats());
    }

    @Test
    void extraClassPathCarriesJavaModuleOverrides() {
        TlcJob job = Fixtures.job("overrides", "MCOverridden.tla", "MCOverridden.cfg");
        TlcResult without = runner.run(job, TlcListener.NONE);
        assertEquals(TlcResult.Outcome.ERROR, without.outcome());
        assertTrue(without.error().contains("override missing: Twice"), without.error());

        Path testClasses = Fixtures.root();
        TlcResult with = runner.run(job.withExtraClassPath(List.of(testClasses)), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.PASSED, with.outcome(), () -> String.valueOf(with.error()));
    }

    @Test
    void forkedCommandUsesAbsolutePathsOwnTempFoldersAndOverridesFirst() {
        TlcJob job = TlcJob.of(Path.of("a/MCX.tla"), Path.of("a/MCX.cfg"))
                .withWorkers(3)
                .withExtraClassPath(List.of(Path.of("overrides.jar")))
                .withLibraryPath(List.of(Path.of("lib")))
                .withExtraTlcArgs(List.of("-deadlock"));
        Path work = Path.of("/tmp/work");
        List<String> cmd = TlcCommand.build(job, work);
        String cp = cmd.get(cmd.indexOf("-cp") + 1);
        assertTrue(cp.startsWith(Path.of("overrides.jar").toAbsolutePath() + java.io.File.pathSeparator), cp);
        assertTrue(cmd.contains("-XX:+UseParallelGC"));
        assertTrue(cmd.contains("-Djava.io.tmpdir=/tmp/work/tmp"));
        assertTrue(cmd.contains("-DTLA-Library=" + Path.of("lib").toAbsolutePath()));
        assertEquals("/tmp/work/meta", cmd.get(cmd.indexOf("-metadir") + 1));
        assertEquals("3", cmd.get(cmd.indexOf("-workers") + 1));
        assertEquals(Path.of("a/MCX.cfg").toAbsolutePath().toString(), cmd.get(cmd.indexOf("-config") + 1));
        assertEquals(List.of("-deadlock", Path.of("a/MCX.tla").toAbsolutePath().toString()),
                cmd.subList(cmd.size() - 2, cmd.size()));
    }

    /** Splits formatter output into one block per state (blocks are separated by blank lines). */
    private static List<List<String>> perState(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String l : lines) {
            if (l.isEmpty()) {
                blocks.add(current);
                current = new ArrayList<>();
            } else {
                current.add(l);
            }
        }
        blocks.add(current);
        return blocks;
    }

    /** Variable names a state block starts its (non-header, non-continuation) lines with. */
    private static Set<String> variablesNamed(List<String> block) {
        Set<String> names = new TreeSet<>();
        for (String line : block.subList(1, block.size())) {
            String t = line.strip();
            if (line.startsWith("      ") && !line.startsWith("          ")) {
                names.add(t.split("[\\[ ]", 2)[0]);
            }
        }
        return names;
    }

    private static Set<String> changed(TraceState before, TraceState after) {
        Set<String> names = new TreeSet<>();
        after.variables().forEach((k, v) -> {
            if (!TlaValueParser.parse(v).equals(TlaValueParser.parse(before.variables().get(k)))) {
                names.add(k);
            }
        });
        return names;
    }
}
