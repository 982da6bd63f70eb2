package dev.lockstep.core;

import dev.lockstep.base.NodeId;

/**
 * Where an applied command sits in its protocol's execution order, as carried by
 * {@link Effect.Apply}. What two positions being equal means depends on the protocol's
 * {@link Traits.ExecutionOrder}: in a total order the same {@link Slot} holds the same command on
 * every replica; without an order a slot is one replica's own sequence; in a partial order an
 * {@link Instance} names one command wherever it is applied.
 */
public sealed interface ExecutionPosition {

    /** A position in a log: index 1, 2, ... of the replicated log, or of a replica's own log. */
    record Slot(long index) implements ExecutionPosition {
        @Override
        public String toString() {
            return "slot " + index;
        }
    }

    /**
     * One command of a leaderless protocol's instance: the {@code index}-th (0, 1, ...) command of
     * the batch in the {@code number}-th instance that {@code owner} led.
     */
    record Instance(NodeId owner, long number, int index) implements ExecutionPosition {
        /** The first (or only) command of an instance. */
        public Instance(NodeId owner, long number) {
            this(owner, number, 0);
        }

        @Override
        public String toString() {
            return owner + "." + number + (index == 0 ? "" : "#" + index);
        }
    }
}
