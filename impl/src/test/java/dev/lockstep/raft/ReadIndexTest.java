package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Thesis §6.4: linearizable reads by ReadIndex. */
class ReadIndexTest {
    private static final Command GET_X = new Command.Get(Bytes.utf8("x"));

    static RequestId read(long seq) {
        return new RequestId(9, seq);
    }

    static Result value(String v) {
        return new Result.Value(Optional.of(Bytes.utf8(v)));
    }

    @Test
    void aReadWaitsUntilTheLeaderCommittedItsNoop() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.dropRule = e -> e.message() instanceof AppendEntriesRequest;
        c.elect(n(1));
        c.submit(n(1), read(1), GET_X);
        c.deliverAll();
        assertNull(c.replyTo(read(1)));
        assertTrue(c.tracesOf(n(1), "ClientRead").isEmpty(), "no ClientRead before an entry of the term commits");
        c.dropRule = e -> false;
        c.settle(n(1));
        assertEquals(new Result.Value(Optional.empty()), c.replyTo(read(1)));
        assertEquals(1, c.tracesOf(n(1), "ServeRead").size());
    }

    @Test
    void aReadWaitsForAQuorumOfHeartbeatAcknowledgements() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.settle(n(1));
        c.dropRule = e -> e.message() instanceof HeartbeatRequest;
        c.submit(n(1), read(1), GET_X);
        c.deliverAll();
        assertNull(c.replyTo(read(1)), "no follower confirmed the leadership yet");
        c.dropRule = e -> false;
        c.tick(n(1));
        c.tick(n(1));
        c.deliverAll();
        assertEquals(value("1"), c.replyTo(read(1)));
    }

    @Test
    void readsArrivingTogetherShareOneReadId() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        c.submit(n(1), read(1), GET_X);
        c.submit(n(1), read(2), GET_X);
        c.submit(n(1), read(3), GET_X);
        c.deliverAll();
        for (int k = 1; k <= 3; k++) {
            assertEquals(new Result.Value(Optional.empty()), c.replyTo(read(k)));
        }
        // read 1 went out at once; reads 2 and 3 arrived while its round was in flight.
        assertEquals(2, c.tracesOf(n(1), "ClientRead").size());
        assertEquals(2, c.tracesOf(n(1), "ServeRead").size());
    }

    @Test
    void aDeposedLeaderCannotServeAStaleRead() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.settle(n(1));
        c.dropRule = RaftCluster.isolating(n(1));
        c.elect(n(2));
        c.submit(n(2), ReplicationTest.req(2), ReplicationTest.put("x", "2"));
        c.deliverAll();
        c.submit(n(1), read(1), GET_X);
        c.tickAll(30);
        assertNull(c.replyTo(read(1)), "the old leader never gets its quorum");
        c.submit(n(2), read(2), GET_X);
        c.deliverAll();
        assertEquals(value("2"), c.replyTo(read(2)));
        c.dropRule = e -> false;
        c.tickAll(5);
        assertEquals(Result.Redirect.UNKNOWN_TARGET, c.replyTo(read(1)));
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aFollowerRefersReadsToTheLeader() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        c.submit(n(2), read(1), GET_X);
        assertEquals(new Result.Redirect(Optional.of(n(1))), c.replyTo(read(1)));
    }

    @Test
    void aTransactionOfReadsTakesTheReadPathNotTheLog() {
        RaftCluster c = new RaftCluster(1, cfg -> cfg);
        c.elect(n(1));
        long logBefore = c.node(1).view().logLen();
        Command txn = new Command.Txn(List.of(), List.of(GET_X, new Command.Get(Bytes.utf8("y"))));
        c.submit(n(1), read(1), txn);
        assertEquals(logBefore, c.node(1).view().logLen());
        Result.Multi r = (Result.Multi) c.replyTo(read(1));
        assertEquals(2, r.results().size());
    }

    /**
     * Read ids restart every term, so a response to a stale heartbeat must not echo its id under
     * the responder's newer term: a leader of that newer term could count it as an ack for an
     * unrelated read (found by trace validation against Raft.tla's HandleHeartbeatRequest).
     */
    @Test
    void aStaleHeartbeatIsAnsweredWithTheCurrentTermAndNoReadId() {
        RaftReplica follower = new RaftReplica(LeaderTuning.SCRIPTED.config(n(2), List.of(n(1), n(2), n(3)), false), 1);
        follower.step(new Event.Receive(n(3), new RequestVoteRequest(5, 0, 0)));
        List<Effect> effects = follower.step(new Event.Receive(n(1), new HeartbeatRequest(4, 0, 6))).effects();
        List<HeartbeatResponse> replies = effects.stream()
                .filter(e -> e instanceof Effect.Send s && s.message() instanceof HeartbeatResponse)
                .map(e -> (HeartbeatResponse) ((Effect.Send) e).message())
                .toList();
        assertEquals(List.of(new HeartbeatResponse(5, 0)), replies);
        List<Effect> current = follower.step(new Event.Receive(n(3), new HeartbeatRequest(5, 0, 7))).effects();
        assertTrue(current.stream().anyMatch(e -> e instanceof Effect.Send s
                && s.message().equals(new HeartbeatResponse(5, 7))), "a current-term heartbeat echoes its read id");
    }
}
