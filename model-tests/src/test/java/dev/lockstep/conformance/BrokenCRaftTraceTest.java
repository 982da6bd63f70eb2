package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.raft.BrokenCRaftVariants;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches the deliberately broken CRaft cores of impl's test-jar: the traces of
 * seeded simulator runs are REJECTED at the line where the core leaves CRaft.tla (TraceCRaft.tla),
 * before any replica loses a committed value.
 */
class BrokenCRaftTraceTest {

    @TempDir
    Path dir;

    /** A shard-mode commit with a plain majority storing the entry is no AdvanceCommitIndex of the spec. */
    @Test
    void majorityCommitIsRejectedAtItsFirstCommit() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenCRaftVariants.majorityCommit(), "AdvanceCommitIndex", dir);
        assertTrue(v.rejection().isPresent());
    }

    /** A new leader that waits for q_w shards where d suffice truncates more than Recover may. */
    @Test
    void dropWithShardsIsRejectedWhenItRecovers() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenCRaftVariants.dropWithShards(), "Recover", dir);
        assertTrue(v.rejection().isPresent());
    }
}
