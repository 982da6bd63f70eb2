package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Client sessions: a retried request (same id) applies once; leadership loss answers Unknown. */
class SessionTest {
    private static final Command INCR = new Command.Incr(Bytes.utf8("x"), 1);
    private static final RequestId R = new RequestId(3, 1);

    @Test
    void aRetryAfterTheReplyReturnsTheFirstResult() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), R, INCR);
        c.deliverAll();
        c.submit(n(1), R, INCR);
        c.deliverAll();
        c.settle(n(1));
        assertEquals(List.of(new Result.Int(1), new Result.Int(1)), c.replies.get(R));
        assertEquals("1", c.state(2).machine.store().get(Bytes.utf8("x")).orElseThrow().utf8());
    }

    @Test
    void aRetryOfAWaitingRequestIsNotProposedAgain() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.deliverAll();
        c.submit(n(1), R, INCR);
        c.submit(n(1), R, INCR);
        assertEquals(1, c.node(1).view().logLen());
        c.deliverAll();
        assertEquals(List.of(new Result.Int(1), new Result.Int(1)), c.replies.get(R));
    }

    @Test
    void aReplicaThatDoesNotLeadRefersTheClientToTheLeader() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        c.submit(n(2), R, INCR);
        c.submit(n(3), new RequestId(3, 2), new Command.Get(Bytes.utf8("x")));
        assertEquals(new Result.Redirect(Optional.of(n(1))), c.replyTo(R));
        assertEquals(new Result.Redirect(Optional.of(n(1))), c.replyTo(new RequestId(3, 2)));
    }

    @Test
    void aLeaderThatLosesItsBallotAnswersUnknownAndTheRetryAppliesOnce() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        // n2 accepts the increment but n1 never hears back; then n1 is cut off and n2 takes over.
        c.dropRule = e -> e.message() instanceof AcceptResponse || e.to().equals(n(3));
        c.submit(n(1), R, INCR);
        c.deliverAll();
        assertNull(c.replyTo(R));
        c.dropRule = PaxosCluster.isolating(n(1));
        c.elect(n(2));
        c.settle(n(2));
        c.dropRule = e -> false;
        c.tickAll(3);
        assertEquals(new Result.Unknown(Execution.LEADERSHIP_LOST), c.replyTo(R),
                "n1 heard of n2's higher ballot before its request was chosen");
        c.submit(n(2), R, INCR);
        c.deliverAll();
        assertEquals(new Result.Int(1), c.replyTo(R), "the retry returns the result of the first execution");
        c.settle(n(2));
        for (int k = 1; k <= 3; k++) {
            assertEquals(Optional.of(Bytes.utf8("1")), c.state(k).machine.store().get(Bytes.utf8("x")), "n" + k);
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void readsGoThroughTheLogAndSeeEveryEarlierWrite() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), R, INCR);
        RequestId read = new RequestId(4, 1);
        c.submit(n(1), read, new Command.Get(Bytes.utf8("x")));
        assertEquals(2, c.node(1).view().logLen(), "the read took a slot");
        c.deliverAll();
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("1"))), c.replyTo(read));
        assertEquals(1, c.tracesOf(n(1), "ClientRequest").stream()
                .filter(t -> t.fields().get("params").toString().contains("4:1")).count());
    }
}
