package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.raft.BrokenRaftVariants;
import org.junit.jupiter.api.Test;

/**
 * Proof that the simulator's checkers catch real protocol bugs: each broken Raft core from impl's
 * test-jar is found within a bounded number of seeds, with the failure kind its bug implies. The
 * fault kinds are those that provoke the bug (other faults mostly mask it, e.g. loss drops the
 * second vote a forgetful voter grants); the runs are deterministic, so the bound always holds.
 */
class BrokenRaftTest {

    @Test
    void localReadFollowerIsALinearizabilityFailure() {
        Failure f = firstFailure(BrokenRaftVariants.localReadFollower(), 7, "all", 50);
        assertEquals(FailureKind.LINEARIZABILITY, f.kind(), f.describe());
    }

    @Test
    void forgetfulVoterBreaksElectionSafety() {
        Failure f = firstFailure(BrokenRaftVariants.forgetfulVoter(), 21, "crash,reorder", 300);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
        assertTrue(f.detail().contains("ElectionSafety"), f.detail());
        assertTrue(f.replay().endsWith("--faults crash,reorder"), f.replay());
    }

    /**
     * A voter that grants pre-votes while it hears the leader lets the follower the stability
     * probe cut off depose the healthy leader when it rejoins (thesis §9.6): no safety check
     * notices, the stability probe does, at the first seed.
     */
    @Test
    void disruptivePreVoteDeposesAHealthyLeader() {
        Failure f = firstFailure(BrokenRaftVariants.disruptivePreVote(), 1, "all", 20);
        assertEquals(FailureKind.STABILITY, f.kind(), f.describe());
        assertTrue(f.detail().contains("was deposed"), f.detail());
    }

    @Test
    void figure8LeaderCommitsAnOlderTermsEntryByCounting() {
        Failure f = firstFailure(BrokenRaftVariants.figure8Leader(), 1, "all", 200);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
        assertTrue(f.detail().contains("LeaderCommitsOwnTerm"), f.detail());
    }
}
