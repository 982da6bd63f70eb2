package dev.lockstep.core;

import dev.lockstep.base.NodeId;

/**
 * A protocol replica: a deterministic state machine over {@link Event}s. Given the same
 * construction arguments (including the seed) and the same events, it returns the same steps.
 * Implementations use no clock, threads, I/O or global randomness, and are not thread-safe: one
 * thread owns a replica.
 */
public interface Replica {

    NodeId id();

    /** Feeds one event and returns the effects to execute, in order. */
    Step step(Event event);

    ReplicaStatus status();
}
