package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultAssemblerTest {

    static final TlcJob JOB = TlcJob.of(Path.of("MCToy.tla"), Path.of("MCToy.cfg"));

    /** The result of feeding these messages and then TLC's exit status. */
    static TlcResult assemble(CfgFile cfg, int exitCode, TlcMessage... messages) {
        ResultAssembler a = new ResultAssembler(cfg);
        for (TlcMessage m : messages) {
            a.accept(m);
        }
        return a.finish(JOB, exitCode, false, Duration.ofSeconds(1));
    }

    static TlcMessage msg(int code, String text) {
        return new TlcMessage(code, code == 2217 || code == 2218 || code == 2122 ? 4 : 0, text);
    }

    static final CfgFile NO_CFG = CfgFile.parse("");

    @Test
    void passingRunHasFinalCountersAndDepth() {
        TlcResult r = assemble(NO_CFG, 0,
                msg(2200, "Progress(6) at 2026-11-21 21:13:43: 40 states generated (1,161 s/min), "
                        + "20 distinct states found (580 ds/min), 0 states left on queue."),
                msg(2199, "1,040 states generated, 1,020 distinct states found, 0 states left on queue."),
                msg(2194, "The depth of the complete state graph search is 6."));
        assertEquals(TlcResult.Outcome.PASSED, r.outcome());
        assertEquals(new TlcStats(1040, 1020, 0, 6), r.stats());
        assertNull(r.violation());
    }

    @Test
    void progressCountersStandInWhenTlcPrintsNoFinalOnes() {
        ResultAssembler a = new ResultAssembler(NO_CFG);
        a.progress(new TlcStats(10, 5, 2, 3));
        assertEquals(new TlcStats(10, 5, 2, 3), a.finish(JOB, 0, false, Duration.ZERO).stats());
    }

    @Test
    void tlcProgressMessageIsReadPastTheColonsOfItsTimestamp() {
        ResultAssembler a = new ResultAssembler(NO_CFG);
        a.accept(msg(2200, "Progress(2359) at 2026-11-22 02:22:42: 5,561,923 states generated "
                + "(1,161,000 s/min), 2,783,320 distinct states found (580,000 ds/min), "
                + "2,358 states left on queue."));
        TlcStats expected = new TlcStats(5_561_923, 2_783_320, 2_358, 2359);
        assertEquals(expected, a.progress());
        assertEquals(expected, a.finish(JOB, -1, true, Duration.ofSeconds(4)).stats());
    }

    @Test
    void invariantViolationCarriesNameAndBehaviour() {
        TlcResult r = assemble(NO_CFG, 12,
                new TlcMessage(2110, 1, "Invariant Safe is violated."),
                new TlcMessage(2121, 1, "The behavior up to this point is:"),
                msg(2217, "1: <Initial predicate>\n/\\ x = 0"),
                msg(2217, "2: <IncX line 7, col 9 to line 7, col 107 of module Toy>\n/\\ x = 1"));
        assertEquals(TlcResult.Outcome.VIOLATION, r.outcome());
        assertEquals(new Violation(Violation.Kind.INVARIANT, "Safe", "Invariant Safe is violated."), r.violation());
        assertEquals(2, r.behavior().states().size());
        assertNull(r.behavior().loop());
    }

    @Test
    void violationInTheInitialStateHasThatStateAsBehaviour() {
        TlcResult r = assemble(NO_CFG, 12, new TlcMessage(2107, 1,
                "Invariant InitBad is violated by the initial state:\n/\\ x = 0\n/\\ y = 0"));
        assertEquals("invariant InitBad", r.violation().headline());
        assertEquals(List.of("x", "y"), List.copyOf(r.behavior().states().get(0).variables().keySet()));
    }

    @Test
    void temporalViolationIsNamedFromTheConfigAndEndsInALoop() {
        TlcResult r = assemble(CfgFile.parse("PROPERTY Live"), 13,
                new TlcMessage(2116, 1, "Temporal properties were violated."),
                msg(2217, "1: <Initial predicate>\nx = 0"),
                msg(2122, "1: Back to state: <Next line 5, col 9 to line 5, col 24 of module Loop>"));
        assertEquals("temporal property Live", r.violation().headline());
        assertEquals("then loops back to state 1 via Next", r.behavior().loop());
    }

    @Test
    void deadlockAndAssertionAreViolations() {
        assertEquals(Violation.Kind.DEADLOCK,
                assemble(NO_CFG, 11, new TlcMessage(2114, 1, "Deadlock reached.")).violation().kind());
        TlcResult assertion = assemble(NO_CFG, 14, new TlcMessage(2132, 1,
                "The first argument of Assert evaluated to FALSE; the second argument was:\n\"boom\""));
        assertEquals(Violation.Kind.ASSERTION, assertion.violation().kind());
        assertTrue(assertion.violation().description().contains("boom"));
        assertEquals(Violation.Kind.ASSUMPTION, assemble(NO_CFG, 10).violation().kind());
    }

    @Test
    void parseFailureIsAnErrorWithSanysReport() {
        TlcResult r = assemble(NO_CFG, 150,
                TlcMessage.untagged("Parsing file /x/MCBroken.tla"),
                TlcMessage.untagged("***Parse Error***"),
                TlcMessage.untagged("Encountered \"Beginning of definition\" at line 4, column 9"),
                new TlcMessage(3002, 1, "Parsing or semantic analysis failed."));
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertEquals("TLC could not parse the spec (exit 150)\nParsing or semantic analysis failed.\n"
                + "***Parse Error***\nEncountered \"Beginning of definition\" at line 4, column 9", r.error());
    }

    @Test
    void evaluationErrorKeepsItsBehaviourButIsNoViolation() {
        TlcResult r = assemble(NO_CFG, 76,
                new TlcMessage(2111, 1, "Evaluating invariant EvalBad failed."),
                new TlcMessage(2121, 1, "The behavior up to this point is:"),
                msg(2217, "1: <Initial predicate>\nx = 0"));
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertEquals("TLC failed while evaluating the spec (exit 76)\nEvaluating invariant EvalBad failed.",
                r.error());
        assertEquals(1, r.behavior().states().size());
    }

    @Test
    void timeoutWins() {
        ResultAssembler a = new ResultAssembler(NO_CFG);
        TlcResult r = a.finish(JOB.withTimeout(Duration.ofSeconds(3)), -1, true, Duration.ofSeconds(3));
        assertEquals(TlcResult.Outcome.TIMEOUT, r.outcome());
        assertEquals("TLC did not finish within 3.0s and was stopped", r.error());
    }
}
