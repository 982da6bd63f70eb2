package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Outbox;
import dev.lockstep.base.Prng;
import dev.lockstep.core.ReplicaConfig;

/**
 * What every concern of one replica shares: configuration and tuning, the {@link Membership},
 * the spec state, the step's {@link Outbox}, the tracer, and the concerns themselves so they
 * can hand work to each other.
 */
final class RaftContext {
    final ReplicaConfig config;
    final LeaderTuning tuning;
    final NodeId self;
    final Membership members;
    final Prng prng;
    final RaftState state;
    final Outbox out = new Outbox();
    final RaftTracer tracer;

    Leadership leadership;
    Replication replication;
    Durability durability;
    Execution execution;
    Reads reads;
    Snapshot snapshot;
    /** CRaft's additions (shards, modes, recovery, fetching), or null for Raft. */
    CRaft craft;

    RaftContext(ReplicaConfig config, long seed) {
        this.config = config;
        this.tuning = LeaderTuning.of(config.parameters());
        this.self = config.self();
        this.members = Membership.of(config);
        this.prng = new Prng(seed);
        this.state = new RaftState(members.size());
        this.tracer = new RaftTracer(this, config.tracing());
    }
}
