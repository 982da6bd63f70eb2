package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Thesis §6.3: a retried request (same id) is applied once. */
class SessionTest {
    private static final Command INCR = new Command.Incr(Bytes.utf8("x"), 1);
    private static final RequestId R = new RequestId(3, 1);

    @Test
    void aRetryAfterTheReplyReturnsTheFirstResult() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), R, INCR);
        c.deliverAll();
        c.submit(n(1), R, INCR);
        c.deliverAll();
        c.settle(n(1));
        assertEquals(List.of(new Result.Int(1), new Result.Int(1)), c.replies.get(R));
        assertEquals("1", c.node(2).state().machine.store().get(Bytes.utf8("x")).orElseThrow().utf8());
    }

    @Test
    void aRetryOfAPendingRequestIsNotAppendedAgain() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.deliverAll();
        long before = c.node(1).view().logLen();
        c.submit(n(1), R, INCR);
        c.submit(n(1), R, INCR);
        assertEquals(before + 1, c.node(1).view().logLen());
        c.deliverAll();
        assertEquals(List.of(new Result.Int(1), new Result.Int(1)), c.replies.get(R));
    }

    @Test
    void aRequestWhoseLeaderFailsIsAnsweredUnknownAndItsRetryAppliesOnce() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        // n2 stores the entry but n1 never hears back, then n1 is cut off.
        c.dropRule = e -> e.message() instanceof AppendEntriesResponse || e.to().equals(n(3));
        c.submit(n(1), R, INCR);
        c.deliverAll();
        assertNull(c.replyTo(R));
        c.dropRule = RaftCluster.isolating(n(1));
        c.elect(n(2));
        c.settle(n(2));
        c.dropRule = e -> false;
        c.tickAll(3);
        assertEquals(new Result.Unknown(Execution.LEADERSHIP_LOST), c.replyTo(R));
        c.submit(n(2), R, INCR);
        c.deliverAll();
        assertEquals(new Result.Int(1), c.replyTo(R), "the retry returns the result of the first execution");
        c.settle(n(2));
        for (int k = 1; k <= 3; k++) {
            assertEquals(Optional.of(Bytes.utf8("1")), c.node(k).state().machine.store().get(Bytes.utf8("x")));
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }
}
