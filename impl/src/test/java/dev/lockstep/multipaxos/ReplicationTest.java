package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phase 2 with a stable leader: proposing, batching, pipelining, commit notices, heartbeats. */
class ReplicationTest {

    static Command put(String key, String value) {
        return new Command.Put(Bytes.utf8(key), Bytes.utf8(value));
    }

    static RequestId req(long seq) {
        return new RequestId(7, seq);
    }

    @Test
    void aCommandIsAcceptedByAQuorumChosenAppliedAndAnswered() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), req(1), put("x", "1"));
        assertNull(c.replyTo(req(1)), "not answered before a quorum accepted it");
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
        c.settle(n(1));
        for (int k = 1; k <= 3; k++) {
            List<Effect.Apply> applied = c.applied.get(n(k));
            assertEquals(1, applied.size(), "the command applied once on n" + k);
            assertEquals(req(1), applied.get(0).id());
            assertEquals(1, applied.get(0).slot(), "in slot 1");
            assertEquals(1, c.node(k).view().commitIndex(), "n" + k + " learned the commit from a heartbeat");
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void commandsWaitingForAFreeRequestGoOutInOneBatch() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.tune(cfg, 3, 1));
        c.elect(n(1));
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        List<AcceptRequest> toN2 = c.inFlight(AcceptRequest.class, 2);
        assertEquals(1, toN2.size(), "maxInflight = 1: one request in flight");
        assertEquals(1, toN2.get(0).entries().size());
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            assertEquals(Result.Ok.INSTANCE, c.replyTo(req(k)));
        }
        long batches = c.tracesOf(n(1), "Accept").stream()
                .filter(t -> ((Map<?, ?>) t.fields().get("params")).get("count").equals(3L)).count();
        assertTrue(batches >= 1, "the commands that queued went out together, at most maxBatch = 3 per request");
    }

    @Test
    void aFollowerGetsUpToMaxInflightRequestsAtOnce() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.tune(cfg, 64, 3));
        c.elect(n(1));
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        List<AcceptRequest> toN2 = c.inFlight(AcceptRequest.class, 2);
        assertEquals(3, toN2.size(), "pipelined: three requests in flight, the rest waits");
        assertEquals(List.of(1L, 2L, 3L), toN2.stream().map(AcceptRequest::slot).toList());
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(5)));
    }

    @Test
    void theLeaderCountsItsOwnAcceptanceOnlyOnceDurable() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.deliverAll();
        c.dropRule = PaxosCluster.isolating(n(3));
        c.autoPersist = false;
        c.submit(n(1), req(1), put("x", "1"));
        c.deliverAll();
        c.persistAll(n(2));
        c.deliverAll();
        assertEquals(1, c.node(2).view().logLen(), "n2 accepted the value");
        assertEquals(0, c.node(1).view().commitIndex(), "n2 acknowledged, but the leader's own write is not durable");
        c.persistAll(n(1));
        assertEquals(1, c.node(1).view().commitIndex());
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
    }

    @Test
    void anAcceptorRefusesABallotBelowItsPromiseWithThatPromise() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(2));
        c.settle(n(2));
        long promised = c.node(3).view().promised();
        Effect.Send reply = ElectionTest.sendOf(c.node(3).step(new Event.Receive(n(1),
                new AcceptRequest(1, 5, List.of(), 0))));
        assertEquals(new AcceptResponse(promised, false, 5, 0, 0), reply.message());
    }

    @Test
    void aFollowerCommitsOnlySlotsItHoldsInTheLeadersBallot() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        MultiPaxosReplica f = c.node(3);
        long b1 = 256 + 1;
        PaxosEntry v1 = PaxosEntry.cmd(b1, req(1), put("a", "1"));
        PaxosEntry v3 = PaxosEntry.cmd(b1, req(3), put("c", "3"));
        // Slot 2 is a hole: a commit notice for 3 commits only slot 1.
        f.step(new Event.Receive(n(1), new AcceptRequest(b1, 1, List.of(v1), 0)));
        f.step(new Event.Receive(n(1), new AcceptRequest(b1, 3, List.of(v3), 3)));
        assertEquals(3, f.view().logLen());
        assertTrue(f.state().log.entry(2).isNone(), "padded with a hole");
        assertEquals(1, f.view().commitIndex());
        PaxosEntry v2 = PaxosEntry.cmd(b1, req(2), put("b", "2"));
        Effect.Send ack = ElectionTest.sendOf(f.step(new Event.Receive(n(1), new AcceptRequest(b1, 2, List.of(v2), 3))));
        assertEquals(new AcceptResponse(b1, true, 2, 1, 3), ack.message());
        assertEquals(3, f.view().appliedIndex());
    }

    @Test
    void aLostAcceptIsProposedAgainAfterTheNextHeartbeatAnswer() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.deliverAll();
        c.dropRule = e -> e.to().equals(n(3)) && e.message() instanceof AcceptRequest a && !a.entries().isEmpty();
        c.submit(n(1), req(1), put("x", "1"));
        c.deliverAll();
        assertEquals(0, c.node(3).view().logLen());
        c.dropRule = e -> false;
        c.settle(n(1));
        assertEquals(1, c.node(3).view().logLen());
        assertEquals(1, c.node(3).view().appliedIndex());
        assertEquals(Optional.empty(), c.firstViolation);
    }
}
