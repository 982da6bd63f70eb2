package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.raft.BrokenRaftVariants;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches the deliberately broken Raft cores of impl's test-jar: the traces of
 * seeded simulator runs are REJECTED at the line where the core leaves the spec. (In these
 * seeds the simulator's own checkers pass: the trace is the first to notice.)
 *
 * <p>The third variant, a follower that serves reads from its own state, is not here: a read
 * served that way is no spec action and writes no trace line, so its traces are behaviours of
 * the spec; the linearizability checker catches it (dev.lockstep.sim.BrokenRaftTest).
 */
class BrokenRaftTraceTest {

    @TempDir
    Path dir;

    @Test
    void aVoterThatForgetsItsVoteIsRejectedWhenItRestarts() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenRaftVariants.forgetfulVoter(), "Restart", dir);
        assertEquals(List.of("votedFor"), v.rejection().get().differingFields());
    }

    @Test
    void aLeaderThatCommitsAnOldTermEntryByCountingIsRejected() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenRaftVariants.figure8Leader(), "AdvanceCommitIndex", dir);
        assertTrue(v.rejection().get().reason().startsWith("the spec cannot take AdvanceCommitIndex"),
                v.rejection().get().reason());
    }
}
