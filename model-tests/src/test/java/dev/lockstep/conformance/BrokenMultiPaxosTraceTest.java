package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.multipaxos.BrokenMultiPaxosVariants;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches the deliberately broken MultiPaxos cores of impl's test-jar: the
 * traces of seeded simulator runs are REJECTED at the line where the core leaves
 * MultiPaxos.tla.
 *
 * <p>The third variant, a follower that serves reads from its own state, is not here: a read
 * served that way is no spec action and writes no trace line, so its traces are behaviours of
 * the spec; the linearizability checker catches it (dev.lockstep.sim.BrokenMultiPaxosTest).
 */
class BrokenMultiPaxosTraceTest {

    @TempDir
    Path dir;

    @Test
    void anAcceptorThatForgetsItsPromiseIsRejectedWhenItRestarts() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenMultiPaxosVariants.forgetfulAcceptor(), "Restart", dir);
        assertEquals(List.of("promised"), v.rejection().get().differingFields());
    }

    /**
     * The leader's log then holds its own value where the spec's holds the recovered one; the
     * trace does not log log contents, so the first line that shows it is the Accept that sends
     * the slot.
     */
    @Test
    void aLeaderThatSkipsPhaseOneRecoveryIsRejectedWhenItProposes() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenMultiPaxosVariants.skipRecoveryLeader(), "Accept", dir);
        assertTrue(v.rejection().get().reason().contains("sends other messages"), v.rejection().get().reason());
    }
}
