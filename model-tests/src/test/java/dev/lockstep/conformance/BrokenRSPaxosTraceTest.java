package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.multipaxos.BrokenRSPaxosVariants;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches the deliberately broken RSPaxos cores of impl's test-jar: the traces
 * of seeded simulator runs are REJECTED at the line where the core leaves RSPaxos.tla, usually
 * long before any replica executes a wrong value.
 */
class BrokenRSPaxosTraceTest {

    @TempDir
    Path dir;

    /** The first commit with fewer than q_w shards stored is no Commit of the spec. */
    @Test
    void majorityCommitIsRejectedAtItsFirstCommit() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenRSPaxosVariants.majorityCommit(), "Commit", dir);
        assertTrue(v.rejection().isPresent());
    }

    /** A no-op proposed where the promises rebuild a value is no Propose of the spec. */
    @Test
    void freeSlotWithShardsIsRejectedWhenItProposes() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenRSPaxosVariants.freeSlotWithShards(), "Propose", dir);
        assertTrue(v.rejection().isPresent());
    }

    /** Counting only the highest ballot's shards frees a slot that holds a recoverable value. */
    @Test
    void sameBallotShardsIsRejectedWhenItProposes() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenRSPaxosVariants.sameBallotShards(), "Propose", dir);
        assertTrue(v.rejection().isPresent());
    }
}
