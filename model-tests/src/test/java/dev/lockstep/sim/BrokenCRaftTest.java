package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.raft.BrokenCRaftVariants;
import org.junit.jupiter.api.Test;

/**
 * Proof that the simulator's checkers catch CRaft bugs (two of CRaft.tla's buggy variants, in the
 * core): each broken core from impl's test-jar fails within a bounded number of seeds.
 */
class BrokenCRaftTest {

    @Test
    void majorityCommitInShardModeLosesCommittedEntries() {
        Failure f = firstFailure(BrokenCRaftVariants.majorityCommit(), 1, "all", 100);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void dropWithShardsLosesCommittedEntries() {
        Failure f = firstFailure(BrokenCRaftVariants.dropWithShards(), 1, "all", 100);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }
}
