package dev.lockstep.repnothing;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Outbox;
import dev.lockstep.core.ReplicaConfig;

/** What the concerns of the replica share: its configuration, state, outbox, tracer and each other. */
final class RepNothingContext {
    final ReplicaConfig config;
    final NodeId self;
    final RepNothingState state = new RepNothingState();
    final Outbox out = new Outbox();
    final RepNothingTracer tracer;

    Durability durability;
    Execution execution;
    Reads reads;
    Snapshot snapshot;

    RepNothingContext(ReplicaConfig config) {
        if (config.members().size() != 1) {
            throw new IllegalArgumentException("RepNothing runs with one replica, got " + config.members());
        }
        this.config = config;
        this.self = config.self();
        this.tracer = new RepNothingTracer(this, config.tracing());
    }
}
