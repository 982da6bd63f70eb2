package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raft §5.3: log replication, with batching, pipelining and fast backtracking. */
class ReplicationTest {

    static Command put(String key, String value) {
        return new Command.Put(Bytes.utf8(key), Bytes.utf8(value));
    }

    static RequestId req(long seq) {
        return new RequestId(7, seq);
    }

    @Test
    void aWriteIsReplicatedCommittedAndAnswered() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), req(1), put("x", "1"));
        assertNull(c.replyTo(req(1)), "not answered before a quorum holds it");
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
        c.settle(n(1));
        for (int k = 1; k <= 3; k++) {
            List<dev.lockstep.core.Effect.Apply> applied = c.applied.get(n(k));
            assertEquals(2, applied.size(), "no-op and the write applied on n" + k);
            assertEquals(req(1), applied.get(1).id());
            assertEquals(2, applied.get(1).slot());
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void entriesWaitingForAFreeSlotAreSentInOneBatch() {
        RaftCluster c = new RaftCluster(3, cfg -> tune(cfg, 3, 1));
        c.elect(n(1));
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        List<AppendEntriesRequest> toN2 = appendsTo(c, 2);
        assertEquals(1, toN2.size(), "maxInflight = 1: one request in flight");
        assertEquals(1, toN2.get(0).entries().size());
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            assertEquals(Result.Ok.INSTANCE, c.replyTo(req(k)));
        }
        long batches = c.tracesOf(n(1), "AppendEntries").stream()
                .filter(t -> ((java.util.Map<?, ?>) t.fields().get("params")).get("count").equals(3L)).count();
        assertTrue(batches >= 1, "the entries that queued up went out together, at most maxBatch = 3 per request");
    }

    @Test
    void aFollowerInReplicateModeGetsUpToMaxInflightRequestsAtOnce() {
        RaftCluster c = new RaftCluster(3, cfg -> tune(cfg, 64, 3));
        c.elect(n(1));
        c.deliverAll();
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        List<AppendEntriesRequest> toN2 = appendsTo(c, 2);
        assertEquals(3, toN2.size(), "pipelined: three requests in flight, the rest waits");
        assertEquals(List.of(1L, 2L, 3L), toN2.stream().map(AppendEntriesRequest::prevLogIndex).toList());
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(5)));
    }

    @Test
    void theLeaderCountsItselfOnlyForEntriesItHasPersisted() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.deliverAll();
        c.dropRule = RaftCluster.isolating(n(3));
        c.autoPersist = false;
        c.submit(n(1), req(1), put("x", "1"));
        c.deliverAll();
        c.persistAll(n(2));
        c.deliverAll();
        assertEquals(2, c.node(2).state().log.lastIndex(), "n2 holds the entry");
        // n2's acknowledgement arrived, but without its own durability the leader has 1 of 3.
        assertEquals(1, c.node(1).view().commitIndex());
        c.persistAll(n(1));
        assertEquals(2, c.node(1).view().commitIndex());
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
    }

    @Test
    void aConflictingFollowerIsRepairedWithFewRoundTripsByFastBacktracking() {
        RaftCluster c = new RaftCluster(3, cfg -> tune(cfg, 4, 4));
        c.elect(n(1));
        c.settle(n(1));
        // Term 1: n1 appends 20 entries that only it holds (indices 2..21), then is cut off.
        c.dropRule = RaftCluster.isolating(n(1));
        for (int k = 1; k <= 20; k++) {
            c.submit(n(1), req(k), put("old" + k, "v"));
        }
        // Term 2: n2 and n3 commit a no-op and 10 entries (indices 2..12).
        c.elect(n(2));
        for (int k = 21; k <= 30; k++) {
            c.submit(n(2), req(k), put("new" + k, "v"));
        }
        c.settle(n(2));
        assertEquals(21, c.node(1).state().log.lastIndex());
        assertEquals(12, c.node(3).state().log.lastIndex());
        // n2 crashes, n1 reconnects. n3 wins term 3 and probes n1 at index 12, where n1's term
        // (1) conflicts with its own (2): one hint skips n1's whole term-1 suffix.
        c.crash(n(2));
        c.dropRule = e -> false;
        long rejectionsBefore = rejectionsFrom(c, 1);
        c.elect(n(3));
        c.settle(n(3));
        long rejections = rejectionsFrom(c, 1) - rejectionsBefore;
        assertEquals(1, rejections, "one round trip skips the conflicting term (one per entry without hints: 11)");
        RaftLog repaired = c.node(1).state().log;
        RaftLog leader = c.node(3).state().log;
        assertEquals(13, leader.lastIndex());
        assertEquals(leader.lastIndex(), repaired.lastIndex());
        assertEquals(leader.rangeFingerprint(0, 13), repaired.rangeFingerprint(0, 13));
        assertEquals(13, c.node(1).view().commitIndex());
        assertEquals(Optional.empty(), c.firstViolation);
        assertEquals(new Result.Unknown(Execution.LEADERSHIP_LOST), c.replyTo(req(1)));
    }

    private static long rejectionsFrom(RaftCluster c, int k) {
        return c.traces.stream().filter(t -> t.action().equals("HandleAppendEntriesRequest")
                        && ("n" + k).equals(t.fields().get("node")))
                .map(t -> (java.util.Map<?, ?>) ((List<?>) t.fields().get("sent")).get(0))
                .filter(m -> Boolean.FALSE.equals(m.get("success"))).count();
    }

    static List<AppendEntriesRequest> appendsTo(RaftCluster c, int k) {
        return c.network.stream().filter(e -> e.to().equals(n(k)) && e.message() instanceof AppendEntriesRequest)
                .map(e -> (AppendEntriesRequest) e.message()).toList();
    }

    static ReplicaConfig tune(ReplicaConfig cfg, int maxBatch, int maxInflight) {
        return cfg.withParameters(LeaderTuning.of(cfg.parameters()).withBatch(maxBatch, maxInflight).parameters());
    }

    @Test
    void aStaleAppendIsRefusedWithTheCurrentTerm() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        RaftReplica f = c.node(2);
        var send = ElectionTest.sendOf(f.step(new dev.lockstep.core.Event.Receive(n(3),
                new AppendEntriesRequest(0, 0, 0, List.of(), 0))));
        assertEquals(new AppendEntriesResponse(1, false, 0, 0, 0), send.message());
    }
}
