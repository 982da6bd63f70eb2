package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.multipaxos.BrokenRSPaxosVariants;
import org.junit.jupiter.api.Test;

/**
 * Proof that the simulator's checkers catch RSPaxos bugs (the three of RSPaxos.tla's buggy
 * variants, in the core): each broken core from impl's test-jar fails within a bounded number of
 * seeds, with the failure kind its bug implies.
 */
class BrokenRSPaxosTest {

    @Test
    void majorityCommitLosesCommittedValues() {
        Failure f = firstFailure(BrokenRSPaxosVariants.majorityCommit(), 1, "all", 50);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }

    @Test
    void freeSlotWithShardsLosesCommittedValues() {
        Failure f = firstFailure(BrokenRSPaxosVariants.freeSlotWithShards(), 1, "all", 50);
        assertEquals(FailureKind.SAFETY, f.kind(), f.describe());
    }
}
