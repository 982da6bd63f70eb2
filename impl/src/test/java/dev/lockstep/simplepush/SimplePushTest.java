package dev.lockstep.simplepush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.LogRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.simplepush.PushMessage.Push;
import dev.lockstep.simplepush.PushMessage.PushAck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SimplePush step by step, as its contract (docs/protocols/simplepush-contract.md) reads. */
class SimplePushTest {
    private static final List<NodeId> MEMBERS = List.of(NodeId.of(1), NodeId.of(2), NodeId.of(3));
    private static final Bytes A = Bytes.utf8("a");
    private static final RequestId W = new RequestId(7, 1);

    private static SimplePushReplica replica(int self, int pushTo) {
        return new SimplePushReplica(new ReplicaConfig(NodeId.of(self), MEMBERS,
                SimplePushProtocol.PARAMETERS.of(Map.of("pushTo", pushTo, "retransmitTicks", 3)), true), 1);
    }

    private static List<String> actions(Step s) {
        return s.effects().stream().filter(e -> e instanceof Effect.Trace).map(e -> ((Effect.Trace) e).action()).toList();
    }

    private static List<Effect.Send> sends(Step s) {
        return s.effects().stream().filter(e -> e instanceof Effect.Send).map(Effect.Send.class::cast).toList();
    }

    private static List<Effect.Reply> replies(Step s) {
        return s.effects().stream().filter(e -> e instanceof Effect.Reply).map(Effect.Reply.class::cast).toList();
    }

    @Test
    void aWriteIsLoggedExecutedPushedAndAnsweredOnlyWhenEveryPeerAcknowledged() {
        SimplePushReplica n1 = replica(1, 2);
        Step write = n1.step(new Event.ClientRequest(W, new Command.Incr(A, 1)));
        assertEquals(List.of("ClientRequest", "Execute", "Push", "Push"), actions(write));
        assertTrue(write.effects().get(0) instanceof Effect.Persist, "persisted before the pushes leave");
        assertEquals(List.of(NodeId.of(2), NodeId.of(3)), sends(write).stream().map(Effect.Send::to).toList());
        assertTrue(replies(write).isEmpty());

        SimplePushReplica n2 = replica(2, 2);
        Step logged = n2.step(new Event.Receive(NodeId.of(1), sends(write).get(0).message()));
        assertEquals(List.of("HandlePush", "Execute"), actions(logged));
        assertTrue(logged.effects().get(0) instanceof Effect.Persist, "acknowledged only once durable");
        assertEquals(new PushAck(W), sends(logged).get(0).message());

        assertTrue(replies(n1.step(new Event.Receive(NodeId.of(2), new PushAck(W)))).isEmpty(), "one of two");
        Step last = n1.step(new Event.Receive(NodeId.of(3), new PushAck(W)));
        assertEquals(List.of("HandlePushAck", "Answer"), actions(last));
        assertEquals(List.of(new Effect.Reply(W, new Result.Int(1))), replies(last));
    }

    @Test
    void withNoPeersAWriteIsAnsweredInItsOwnStep() {
        SimplePushReplica n1 = replica(1, 0);
        Step write = n1.step(new Event.ClientRequest(W, new Command.Incr(A, 1)));
        assertEquals(List.of("ClientRequest", "Execute", "Answer"), actions(write));
        assertEquals(List.of(new Effect.Reply(W, new Result.Int(1))), replies(write));
    }

    @Test
    void unacknowledgedPushesAreSentAgainAndARetryWaitsForTheSameAnswer() {
        SimplePushReplica n1 = replica(1, 1);
        n1.step(new Event.ClientRequest(W, new Command.Incr(A, 1)));
        assertTrue(n1.step(new Event.ClientRequest(W, new Command.Incr(A, 1))).effects().isEmpty(), "joins");
        Step quiet = n1.step(new Event.Tick(1));
        n1.step(new Event.Tick(2));
        Step again = n1.step(new Event.Tick(3));
        assertTrue(sends(quiet).isEmpty());
        assertEquals(List.of(new Effect.Send(NodeId.of(2), new Push(new ClientEntry(W, new Command.Incr(A, 1))))),
                sends(again));
        Step answered = n1.step(new Event.Receive(NodeId.of(2), new PushAck(W)));
        assertEquals(2, replies(answered).size(), "both attempts of the client get the answer");
        assertTrue(sends(n1.step(new Event.Tick(4))).isEmpty(), "nothing pending any more");
    }

    @Test
    void anAckFromAReplicaThatWasNotPushedToChangesNothing() {
        SimplePushReplica n1 = replica(1, 1);
        n1.step(new Event.ClientRequest(W, new Command.Incr(A, 1)));
        assertTrue(n1.step(new Event.Receive(NodeId.of(3), new PushAck(W))).effects().isEmpty());
    }

    @Test
    void tooManyPeersForTheClusterIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replica(1, 3));
        assertTrue(e.getMessage().contains("pushTo 3 needs at least 4 replicas"), e.getMessage());
    }

    @Test
    void messagesAndRecordsRoundTripAndGarbageIsACodecError() throws CodecException {
        SimplePushCodec codec = SimplePushCodec.INSTANCE;
        Push push = new Push(new ClientEntry(W, new Command.Put(A, Bytes.utf8("x"))));
        assertEquals(push, codec.decodeMessage(codec.encodeMessage(push)));
        assertEquals(new PushAck(W), codec.decodeMessage(codec.encodeMessage(new PushAck(W))));
        LogRecord.Append append = new LogRecord.Append(4, push.entry(), NodeId.of(2));
        assertEquals(append, codec.decodeRecord(codec.encodeRecord(append)));
        byte[] bytes = codec.encodeMessage(push);
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThrows(CodecException.class, () -> codec.decodeMessage(cut), "cut at " + len);
        }
        assertThrows(CodecException.class, () -> codec.decodeMessage(new byte[] {3}));
        assertThrows(CodecException.class, () -> codec.decodeRecord(new byte[] {1, 0}));
    }
}
