package dev.lockstep.server.runtime;

import dev.lockstep.core.Effect;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Executes a replica's effects strictly in order with every {@link Effect.Persist} as a barrier
 * (the contract of {@link Effect}): a persist is handed to storage as soon as it is produced, so
 * that persists of consecutive steps can share one fsync (group commit), but no effect behind it
 * runs before storage reports it durable. Not thread-safe: the replica's event loop owns it.
 */
final class EffectQueue {

    /** Where effects go once their turn has come. */
    interface Executor {
        /** Start making {@code persist} durable; called at once, in persist order. */
        void startPersist(Effect.Persist persist);

        /** Run a non-persist effect; called in effect order, never before earlier persists are durable. */
        void execute(Effect effect);
    }

    private final Executor executor;
    /** Effects waiting behind a persist that is not yet durable, persists included as barriers. */
    private final ArrayDeque<Effect> waiting = new ArrayDeque<>();
    private long durableUpTo;
    private long lastPersistSeq;

    EffectQueue(Executor executor, long durableUpTo) {
        this.executor = executor;
        this.durableUpTo = durableUpTo;
        this.lastPersistSeq = durableUpTo;
    }

    /** Adds one step's effects, in order. */
    void offer(List<Effect> effects) {
        for (Effect effect : effects) {
            if (effect instanceof Effect.Persist p) {
                if (p.seq() <= lastPersistSeq) {
                    throw new IllegalStateException("persist seq " + p.seq() + " after " + lastPersistSeq);
                }
                lastPersistSeq = p.seq();
                executor.startPersist(p);
                waiting.add(p);
            } else if (waiting.isEmpty()) {
                executor.execute(effect);
            } else {
                waiting.add(effect);
            }
        }
    }

    /** Storage reports every persist with {@code seq <= upTo} durable: release what waited on them. */
    void durable(long upTo) {
        durableUpTo = Math.max(durableUpTo, upTo);
        while (!waiting.isEmpty()) {
            Effect head = waiting.peek();
            if (head instanceof Effect.Persist p) {
                if (p.seq() > durableUpTo) {
                    return;
                }
                waiting.poll();
            } else {
                waiting.poll();
                executor.execute(head);
            }
        }
    }

    /** Effects (persist barriers included) not yet released. */
    int waitingCount() {
        return waiting.size();
    }

    long durableUpTo() {
        return durableUpTo;
    }

    /** The highest persist seq handed to storage. */
    long lastPersistSeq() {
        return lastPersistSeq;
    }
}
