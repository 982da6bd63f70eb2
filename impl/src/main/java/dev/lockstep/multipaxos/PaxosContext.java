package dev.lockstep.multipaxos;

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
final class PaxosContext {
    final ReplicaConfig config;
    final LeaderTuning tuning;
    final NodeId self;
    final Membership members;
    final Prng prng;
    final PaxosState state = new PaxosState();
    final Outbox out = new Outbox();
    final PaxosTracer tracer;

    Leadership leadership;
    Replication replication;
    CatchUp catchUp;
    Durability durability;
    Execution execution;
    Reads reads;
    Snapshot snapshot;

    PaxosContext(ReplicaConfig config, long seed) {
        this.config = config;
        this.tuning = LeaderTuning.of(config.parameters());
        this.self = config.self();
        this.members = Membership.of(config);
        NodeId highest = members.at(members.size() - 1);
        if (highest.value() >= Ballots.OWNERS) {
            throw new IllegalArgumentException("ballots name owners 1.." + (Ballots.OWNERS - 1) + ", got " + highest);
        }
        this.prng = new Prng(seed);
        this.tracer = new PaxosTracer(this, config.tracing());
    }

    /** The member that owns {@code ballot}, or null. */
    NodeId ownerOf(long ballot) {
        return members.withValue(Ballots.owner(ballot));
    }
}
