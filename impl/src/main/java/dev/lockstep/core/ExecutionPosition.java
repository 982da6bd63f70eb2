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

    /** One command instance of a leaderless protocol: the {@code number}th that {@code owner} led. */
    record Instance(NodeId owner, long number) implements ExecutionPosition {
        @Override
        public String toString() {
            return owner + "." + number;
        }
    }
}
