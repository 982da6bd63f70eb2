package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reads TLC's output in simulation mode, as captured from real runs of the toy spec (stdout of
 * the fork, {@code src/test/resources/tlc-output/simulate-*.out}). Unlike model checking, TLC
 * prints no distinct states, queue or depth, and no count of behaviours: only "Progress(-1) ...
 * N states generated, -1 distinct states found" (and after a violation "The number of states
 * generated: N"). The fork's own progress line, on stderr, adds the behaviours generated.
 */
class SimulationOutputTest {

    private static final SimulationMode PASSING = new SimulationMode(1000, 20, 1);
    private static final SimulationMode BUGGY = new SimulationMode(1000, 10, 7);

    /** Feeds a captured output, plus the fork's stderr progress lines, and TLC's exit status. */
    private static TlcResult replay(String fixture, String cfg, SimulationMode mode, int exitCode,
            String... progressLines) throws IOException {
        ResultAssembler assembler = new ResultAssembler(CfgFile.read(Fixtures.file(cfg)));
        TlcOutputParser parser = new TlcOutputParser(assembler::accept);
        Files.readAllLines(Fixtures.file("tlc-output/" + fixture)).forEach(parser::accept);
        parser.finish();
        for (String line : progressLines) {
            assembler.progress(TlcRunner.parseProgress(line));
        }
        TlcJob job = TlcJob.of(Fixtures.file("toy/MCToy.tla"), Fixtures.file(cfg)).withSimulation(mode);
        return assembler.finish(job, exitCode, false, Duration.ofMillis(747));
    }

    @Test
    void passingSimulationReportsStatesGeneratedAndBehaviours() throws IOException {
        TlcResult r = replay("simulate-passed.out", "toy/MCToySim.cfg", PASSING, 0,
                "@!@!@LOCKSTEP-PROGRESS 11051 0 0 0 1000");
        assertEquals(TlcResult.Outcome.PASSED, r.outcome());
        assertEquals(TlcStats.simulation(11_051, 1000), r.stats());
        assertEquals("simulation: 1,000 behaviours of depth <= 20, seed 1, 11,051 states generated, 747ms",
                ResultReport.counters(r));
        assertTrue(r.messages().stream().anyMatch(m -> m.code() == TlcCodes.MODE_SIMU
                && m.text().startsWith("Running Random Simulation with seed 1 with 1 worker")));
    }

    @Test
    void withoutTheForksCountAPassingSimulationRanAllItsBehaviours() throws IOException {
        TlcResult r = replay("simulate-passed.out", "toy/MCToySim.cfg", PASSING, 0);
        assertEquals(TlcStats.simulation(11_051, 0), r.stats());
        assertEquals("simulation: 1,000 behaviours of depth <= 20, seed 1, 11,051 states generated, 747ms",
                ResultReport.counters(r));
        assertEquals(List.of("  config        result        distinct states  depth   time",
                "  MCToySim.cfg  no violation       simulation  <= 20  747ms"), SummaryTable.render(List.of(r)));
    }

    @Test
    void violationInSimulationHasItsNameAndCounterexampleLikeModelChecking() throws IOException {
        TlcResult r = replay("simulate-violation.out", "toy/buggy/MCToySimShortLog.cfg", BUGGY, 12,
                "@!@!@LOCKSTEP-PROGRESS 47 0 0 0 8");
        assertEquals(TlcResult.Outcome.VIOLATION, r.outcome());
        assertEquals(new Violation(Violation.Kind.INVARIANT, "LogBounded", "Invariant LogBounded is violated."),
                r.violation());
        assertEquals(List.of(TraceState.INITIAL, "Send", "DeliverSome", "Send", "Send", "Send", "DeliverSome"),
                r.behavior().states().stream().map(TraceState::action).toList());
        assertEquals("<<1, 2>>", r.behavior().states().get(6).variables().get("log"));
        assertEquals(TlcStats.simulation(47, 8), r.stats());
        assertEquals("simulation: found within the first 8 of 1,000 behaviours of depth <= 10, seed 7, "
                + "47 states generated, 747ms", ResultReport.counters(r));

        ModelConfig buggy = new ModelConfig(ModelConfig.Kind.BUGGY, Fixtures.file("toy/buggy/MCToySimShortLog.cfg"),
                Fixtures.file("toy/MCToy.tla"), List.of(), Optional.of("LogBounded"), Optional.of(BUGGY));
        assertEquals(Optional.empty(), Expectation.problem(buggy, r));
    }

    @Test
    void aBuggyConfigWhoseSimulationMissesTheBugSaysHowFarItLooked() throws IOException {
        TlcResult r = replay("simulate-passed.out", "toy/MCToySim.cfg", PASSING, 0);
        ModelConfig buggy = new ModelConfig(ModelConfig.Kind.BUGGY, Fixtures.file("toy/MCToySim.cfg"),
                Fixtures.file("toy/MCToy.tla"), List.of(), Optional.of("LogBounded"), Optional.of(PASSING));
        assertEquals(Optional.of("MCToySim.cfg: expected a violation of LogBounded but no violation in "
                + "1,000 behaviours of depth <= 20, seed 1 (simulation)"), Expectation.problem(buggy, r));
    }
}
