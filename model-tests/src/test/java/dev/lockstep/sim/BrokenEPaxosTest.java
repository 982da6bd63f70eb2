package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.epaxos.BrokenEPaxosVariants;
import org.junit.jupiter.api.Test;

/**
 * Proof that the simulator's checkers catch EPaxos bugs: each broken core from impl's test-jar
 * (the published ones among them) is found within a bounded number of seeds, with the failure
 * kind its bug implies.
 *
 * <p>{@code recoveryIgnoresBallot} is not here: since commit requests settle most instances
 * before a second recovery, no divergence reaches a checker in 1,000 seeds. Trace validation
 * rejects it at its {@code RecoverAccepted} (dev.lockstep.conformance.BrokenEPaxosTraceTest),
 * {@code RecoveryDivergenceTest} drives the schedule where it commits twice, and TLC finds it in
 * {@code buggy/MCEPaxosRecoveryIgnoresBallot.cfg}.
 */
class BrokenEPaxosTest {

    @Test
    void fastPathWithUnequalAnswersBreaksSafety() {
        Failure f = firstFailure(BrokenEPaxosVariants.fastPathUnequal(), 1, "all", 50);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void singleBallotVariableBreaksSafety() {
        Failure f = firstFailure(BrokenEPaxosVariants.singleBallot(), 1, "all", 300);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void waitingRecoveryThatIgnoresANewerPromiseBreaksSafety() {
        Failure f = firstFailure(BrokenEPaxosVariants.waitingIgnoresPromise(), 1, "all", 300);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void validateThatOverwritesAnAcceptedCommandBreaksSafety() {
        Failure f = firstFailure(BrokenEPaxosVariants.lateValidateOverwrites(), 11, "all", 1000);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }
}
