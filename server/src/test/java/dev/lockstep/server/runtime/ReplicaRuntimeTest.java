package dev.lockstep.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LogStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.wal.WriteAheadLog;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event loop: persist barrier, Persisted after the released effects, Recover first, trace output, fail-stop. */
class ReplicaRuntimeTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final List<Long> submitted = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream traceBytes = new ByteArrayOutputStream();
    private long nextSeq = 1;

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    record Rec(String text) implements DurableRecord {}

    /** Records are their text; messages are not used. */
    static final class TextCodec implements ProtocolCodec {
        @Override
        public byte[] encodeMessage(Message message) {
            return new byte[] {1};
        }

        @Override
        public Message decodeMessage(byte[] bytes) {
            return () -> 0;
        }

        @Override
        public byte[] encodeRecord(DurableRecord record) {
            return ((Rec) record).text().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public DurableRecord decodeRecord(byte[] bytes) {
            return new Rec(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** A replica whose steps are given by a function; it logs every event it sees. */
    private Replica replica(Function<Event, List<Effect>> behaviour) {
        return new Replica() {
            @Override
            public NodeId id() {
                return NodeId.of(1);
            }

            @Override
            public Step step(Event event) {
                events.add(event);
                order.add("event " + event.getClass().getSimpleName());
                return new Step(behaviour.apply(event));
            }

            @Override
            public ReplicaStatus status() {
                return LogStatus.of(NodeId.of(1), "Leader", new ReplicaStatus.Leadership(1, true, Optional.of(NodeId.of(1))),
                        0, 0, 0, new dev.lockstep.kv.KvStore());
            }
        };
    }

    /** Client requests persist a record, trace, then reply; other events do nothing. */
    private List<Effect> writeBehaviour(Event e) {
        if (e instanceof Event.ClientRequest r) {
            return List.of(new Effect.Persist(nextSeq++, List.of(new Rec("put " + r.id()))),
                    new Effect.Trace("ClientRequest", Map.of("node", "n1", "params", Map.of("id", r.id().toString()))),
                    new Effect.Reply(r.id(), Result.Ok.INSTANCE));
        }
        return List.of();
    }

    private ReplicaRuntime runtime(Function<Event, List<Effect>> behaviour, Optional<List<DurableRecord>> recovered) {
        ReplicaRuntime rt = new ReplicaRuntime(replica(behaviour), new TextCodec(), loop, (to, m) -> { },
                new NdjsonTraceWriter(traceBytes), fatal::add);
        rt.attach(new Durability() {
            @Override
            public void submit(long seq, List<WriteAheadLog.Entry> entries) {
                submitted.add(seq);
                order.add("persist " + seq + " " + new String(entries.get(0).payload(), StandardCharsets.UTF_8));
            }

            @Override
            public void close() {}
        });
        rt.start(recovered, 1_000);
        return rt;
    }

    private void settle() throws InterruptedException {
        loop.submit(() -> { }).await(5, TimeUnit.SECONDS);
    }

    private static Command put() {
        return new Command.Put(Bytes.utf8("k"), Bytes.utf8("v"));
    }

    @Test
    void theReplyWaitsForDurabilityAndPersistedFollowsIt() throws Exception {
        ReplicaRuntime rt = runtime(this::writeBehaviour, Optional.empty());
        List<Result> answers = new CopyOnWriteArrayList<>();
        rt.submit(new RequestId(7, 1), put(), r -> {
            answers.add(r);
            order.add("reply");
        });
        settle();
        assertEquals(List.of(1L), submitted);
        assertTrue(answers.isEmpty(), "no reply before the persist is durable");
        rt.onDurable(1);
        settle();
        assertEquals(List.of(Result.Ok.INSTANCE), answers);
        assertEquals(List.of("event ClientRequest", "persist 1 put 7:1", "reply", "event Persisted"), order);
        assertEquals(1, ((Event.Persisted) events.get(1)).upTo());
    }

    @Test
    void theReplicaKeepsSteppingWhileAPersistIsInFlight() throws Exception {
        ReplicaRuntime rt = runtime(this::writeBehaviour, Optional.empty());
        List<RequestId> answered = new CopyOnWriteArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            RequestId id = new RequestId(7, seq);
            rt.submit(id, put(), r -> answered.add(id));
        }
        settle();
        assertEquals(List.of(1L, 2L, 3L), submitted, "all three persists submitted before any is durable");
        assertTrue(answered.isEmpty());
        rt.onDurable(3);
        settle();
        assertEquals(List.of(new RequestId(7, 1), new RequestId(7, 2), new RequestId(7, 3)), answered);
    }

    @Test
    void recoverIsTheFirstEventOfARestartAndAbsentOnAFreshStart() throws Exception {
        runtime(e -> List.of(), Optional.of(List.of(new Rec("a"), new Rec("b"))));
        settle();
        Event.Recover recover = assertInstanceOf(Event.Recover.class, events.get(0));
        assertEquals(List.of(new Rec("a"), new Rec("b")), recover.durable());

        events.clear();
        DefaultEventExecutor other = new DefaultEventExecutor();
        try {
            ReplicaRuntime fresh = new ReplicaRuntime(replica(e -> List.of()), new TextCodec(), other, (to, m) -> { },
                    TraceSink.DROP, fatal::add);
            fresh.attach(new Durability() {
                @Override
                public void submit(long seq, List<WriteAheadLog.Entry> entries) {}

                @Override
                public void close() {}
            });
            fresh.start(Optional.empty(), 1_000);
            fresh.receive(NodeId.of(2), () -> 0);
            other.submit(() -> { }).await(5, TimeUnit.SECONDS);
            assertInstanceOf(Event.Receive.class, events.get(0), "a fresh replica gets no Recover");
        } finally {
            other.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void traceEffectsBecomeNumberedNdjsonLinesOnlyOnceReleased() throws Exception {
        ReplicaRuntime rt = runtime(this::writeBehaviour, Optional.empty());
        rt.submit(new RequestId(7, 1), put(), r -> { });
        rt.submit(new RequestId(7, 2), put(), r -> { });
        settle();
        assertEquals("", traceBytes.toString(StandardCharsets.UTF_8), "trace lines wait for their persist");
        rt.onDurable(2);
        settle();
        String[] lines = traceBytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = json.readTree(lines[i]);
            assertEquals(i + 1, line.get("i").asInt());
            assertEquals("ClientRequest", line.get("action").asText());
            assertEquals("7:" + (i + 1), line.at("/params/id").asText());
        }
    }

    @Test
    void aReplicaThatThrowsStopsTheRuntimeAndIsReportedOnce() throws Exception {
        ReplicaRuntime rt = runtime(e -> {
            throw new IllegalStateException("boom");
        }, Optional.empty());
        rt.receive(NodeId.of(2), () -> 0);
        rt.receive(NodeId.of(2), () -> 0);
        settle();
        assertEquals(1, fatal.size());
        assertTrue(rt.halted());
        assertTrue(fatal.get(0).getMessage().contains("failed on"), fatal.get(0).getMessage());
        assertEquals(1, events.size(), "no event is stepped after the failure");
    }

    @Test
    void aStorageFailureStopsTheRuntime() throws Exception {
        ReplicaRuntime rt = runtime(this::writeBehaviour, Optional.empty());
        List<Result> answers = new ArrayList<>();
        rt.submit(new RequestId(7, 1), put(), answers::add);
        settle();
        rt.onError(new java.io.IOException("disk full"));
        rt.onDurable(1);
        settle();
        assertTrue(rt.halted());
        assertEquals(1, fatal.size());
        assertTrue(fatal.get(0).getMessage().contains("disk full"));
        assertTrue(answers.isEmpty(), "nothing is released after storage failed");
        assertNull(events.stream().filter(e -> e instanceof Event.Persisted).findAny().orElse(null));
    }
}
