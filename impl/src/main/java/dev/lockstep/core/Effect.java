package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Map;

/**
 * An output of a replica step. A runtime executes effects strictly in order, and
 * <b>a {@link Persist} is a barrier</b>: no later effect (of this step or any later step) is
 * executed before that persist is durable. This is how persist-before-send is made explicit:
 * a core places a message after the persist it depends on. A runtime may keep stepping the core
 * while a persist is in flight and may make several queued persists durable with one fsync
 * (group commit); after it does, it delivers {@link Event.Persisted}.
 */
public sealed interface Effect {

    /**
     * Make these records durable, in order, atomically as a unit. {@code seq} starts at 1 for
     * each replica instance (a restarted replica counts afresh) and increases by 1 per Persist.
     */
    record Persist(long seq, List<DurableRecord> records) implements Effect {
        public Persist {
            records = List.copyOf(records);
        }
    }

    /** Send a message to a peer (best effort: it may be lost, duplicated, reordered). */
    record Send(NodeId to, Message message) implements Effect {}

    /**
     * A command was applied to the state machine with this result, at {@code position} of the
     * protocol's execution order ({@link Traits.ExecutionOrder}): in a total order every replica
     * applies the same command at the same slot; in a partial order every replica applies the
     * commands of one key in the same order. Checkers compare these.
     *
     * @param id the client request, or null for a command without a client (a no-op)
     */
    record Apply(ExecutionPosition position, RequestId id, Command command, Result result) implements Effect {
        /** An apply at slot {@code index} of a log. */
        public Apply(long index, RequestId id, Command command, Result result) {
            this(new ExecutionPosition.Slot(index), id, command, result);
        }

        /**
         * The slot of a log protocol's apply.
         *
         * @throws IllegalStateException when the position is not a slot
         */
        public long slot() {
            if (position instanceof ExecutionPosition.Slot s) {
                return s.index();
            }
            throw new IllegalStateException("not a log slot: " + position);
        }

        /** The keys the command touches (its conflicts beyond its client session). */
        public java.util.List<dev.lockstep.base.Bytes> keys() {
            return command.keys();
        }
    }

    /** The answer to a {@link Event.ClientRequest}. */
    record Reply(RequestId id, Result result) implements Effect {}

    /**
     * One step of the protocol as named in its TLA+ spec. {@code fields} holds the acting node,
     * the action's parameters, the messages it sent and the post-values of the spec variables;
     * values are JSON-shaped (String, Long/Integer, Boolean, List, Map). A production runtime drops
     * these unless tracing is on. A trace effect is placed after the persist of the state it
     * reports, so it is released exactly when that state is durable.
     */
    record Trace(String action, Map<String, Object> fields) implements Effect {
        public Trace {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }
}
