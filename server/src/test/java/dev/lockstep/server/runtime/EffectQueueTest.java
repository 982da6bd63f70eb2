package dev.lockstep.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Effect;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Persist is a barrier: effects behind it wait for durability; persists themselves start at once. */
class EffectQueueTest {
    private final List<String> log = new ArrayList<>();
    private final EffectQueue queue = new EffectQueue(new EffectQueue.Executor() {
        @Override
        public void startPersist(Effect.Persist persist) {
            log.add("persist " + persist.seq());
        }

        @Override
        public void execute(Effect effect) {
            log.add(name(effect));
        }
    }, 0);

    private static String name(Effect e) {
        if (e instanceof Effect.Trace t) {
            return "trace " + t.action();
        } else if (e instanceof Effect.Reply r) {
            return "reply " + r.id();
        }
        return e.getClass().getSimpleName();
    }

    private static Effect.Persist persist(long seq) {
        return new Effect.Persist(seq, List.of());
    }

    private static Effect trace(String action) {
        return new Effect.Trace(action, Map.of());
    }

    private static Effect reply(long seq) {
        return new Effect.Reply(new RequestId(1, seq), Result.Ok.INSTANCE);
    }

    @Test
    void effectsWithoutPersistRunAtOnce() {
        queue.offer(List.of(trace("A"), reply(1)));
        assertEquals(List.of("trace A", "reply 1:1"), log);
    }

    @Test
    void effectsAfterAPersistWaitUntilItIsDurable() {
        queue.offer(List.of(trace("before"), persist(1), trace("after"), reply(1)));
        assertEquals(List.of("trace before", "persist 1"), log);
        queue.durable(1);
        assertEquals(List.of("trace before", "persist 1", "trace after", "reply 1:1"), log);
        assertEquals(0, queue.waitingCount());
    }

    @Test
    void laterStepsQueueBehindAnEarlierPersistButTheirPersistsStartAtOnce() {
        queue.offer(List.of(persist(1), reply(1)));
        queue.offer(List.of(new Effect.Send(NodeId.of(2), () -> 0), persist(2), reply(2)));
        queue.offer(List.of(reply(3)));
        // both persists were handed to storage (group commit); nothing else ran yet
        assertEquals(List.of("persist 1", "persist 2"), log);
        queue.durable(1);
        assertEquals(List.of("persist 1", "persist 2", "reply 1:1", "Send"), log);
        queue.durable(2);
        assertEquals(List.of("persist 1", "persist 2", "reply 1:1", "Send", "reply 1:2", "reply 1:3"), log);
    }

    @Test
    void oneDurabilityReportCanReleaseSeveralPersists() {
        queue.offer(List.of(persist(1), reply(1)));
        queue.offer(List.of(persist(2), reply(2)));
        queue.durable(2);
        assertEquals(List.of("persist 1", "persist 2", "reply 1:1", "reply 1:2"), log);
    }

    @Test
    void aStaleDurabilityReportReleasesNothingNew() {
        queue.offer(List.of(persist(1), persist(2), reply(2)));
        queue.durable(1);
        assertEquals(List.of("persist 1", "persist 2"), log);
        assertEquals(2, queue.waitingCount());
        queue.durable(0);
        assertEquals(2, queue.waitingCount());
    }

    @Test
    void persistSequenceNumbersMustIncrease() {
        queue.offer(List.of(persist(1)));
        assertThrows(IllegalStateException.class, () -> queue.offer(List.of(persist(1))));
    }
}
