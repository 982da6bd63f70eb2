package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.sim.toy.ToyBug;
import dev.lockstep.sim.toy.ToyProtocol;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulator's plumbing and every checker, exercised on the toy protocol and its planted bugs. */
class ToySimulationTest {

    static RunResult run(Protocol p, long seed, boolean tracing) {
        SimOptions o = ScenarioGenerator.fromSeed(p, seed, EnumSet.allOf(FaultKind.class), 100);
        RunResult r = Simulation.run(p, o, tracing);
        System.out.println(r.summary());
        r.failure().ifPresent(f -> System.out.println(f.describe()));
        return r;
    }

    /** The first failing seed among {@code 1..maxSeeds}, if any. */
    static Optional<RunResult> firstFailure(Protocol p, int maxSeeds, boolean tracing) {
        for (long seed = 1; seed <= maxSeeds; seed++) {
            RunResult r = run(p, seed, tracing);
            if (!r.passed()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Test
    void correctToyPassesEveryFaultKind() {
        for (long seed = 1; seed <= 40; seed++) {
            RunResult r = run(ToyProtocol.descriptor(ToyBug.NONE), seed, seed % 2 == 0);
            assertTrue(r.passed(), r.summary());
        }
    }

    @Test
    void replyBeforePersistIsALinearizabilityFailure() {
        RunResult r = firstFailure(ToyProtocol.descriptor(ToyBug.REPLY_BEFORE_PERSIST), 60, false).orElseThrow();
        assertEquals(FailureKind.LINEARIZABILITY, r.failure().get().kind());
    }

    @Test
    void divergentAppliedLogsAreASafetyFailure() {
        RunResult r = firstFailure(ToyProtocol.descriptor(ToyBug.EVERYONE_LEADS), 20, false).orElseThrow();
        assertEquals(FailureKind.SAFETY, r.failure().get().kind());
        assertTrue(r.failure().get().detail().contains("applied logs disagree"), r.failure().get().detail());
    }

    @Test
    void unansweredRequestsAreALivenessFailure() {
        RunResult r = firstFailure(ToyProtocol.descriptor(ToyBug.NEVER_ANSWERS), 5, false).orElseThrow();
        assertEquals(FailureKind.LIVENESS, r.failure().get().kind());
    }

    @Test
    void traceThatHidesASendIsATraceFailure() {
        RunResult r = firstFailure(ToyProtocol.descriptor(ToyBug.LYING_TRACE), 5, true).orElseThrow();
        assertEquals(FailureKind.TRACE, r.failure().get().kind());
        assertEquals(Optional.empty(), firstFailure(ToyProtocol.descriptor(ToyBug.LYING_TRACE), 3, false),
                "without tracing the lie is invisible");
    }
}
