package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * A replica that promises to prepare while it hears the leader lets the follower the
     * stability probe cut off depose the healthy leader when it rejoins: the stability probe
     * catches it (no safety check can).
     */
    @Test
    void disruptivePrePrepareDeposesAHealthyLeader() {
        Failure f = firstFailure(BrokenMultiPaxosVariants.disruptivePrePrepare(), 1, "all", 20);
        assertEquals(FailureKind.STABILITY, f.kind(), f.describe());
        assertTrue(f.detail().contains("was deposed"), f.detail());
    }

    @Test
    void forgetfulAcceptorBreaksSafety() {
        Failure f = firstFailure(BrokenMultiPaxosVariants.forgetfulAcceptor(), 1, "all", 300);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }
}
