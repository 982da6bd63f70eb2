package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.multipaxos.BrokenMultiPaxosVariants;
import org.junit.jupiter.api.Test;

/**
 * Proof that the simulator's checkers catch MultiPaxos bugs: each broken core from impl's
 * test-jar is found within a bounded number of seeds, with the failure kind its bug implies.
 */
class BrokenMultiPaxosTest {

    @Test
    void leaderSkippingPhaseOneRecoveryBreaksSafety() {
        Failure f = firstFailure(BrokenMultiPaxosVariants.skipRecoveryLeader(), 1, "all", 50);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void localReadFollowerIsALinearizabilityFailure() {
        Failure f = firstFailure(BrokenMultiPaxosVariants.localReadFollower(), 1, "all", 50);
        assertEquals(FailureKind.LINEARIZABILITY, f.kind(), f.describe());
    }

    @Test
    void forgetfulAcceptorBreaksSafety() {
        Failure f = firstFailure(BrokenMultiPaxosVariants.forgetfulAcceptor(), 1, "all", 300);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }
}
