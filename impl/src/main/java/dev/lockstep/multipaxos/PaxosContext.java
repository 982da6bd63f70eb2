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
    /** Quorum sizes: majorities (MultiPaxos) or RSPaxos's write and read quorums. */
    final Quorums quorums;
    /** Full copies (MultiPaxos) or one shard per acceptor (RSPaxos). */
    final Coding coding;

    Leadership leadership;
    Replication replication;
    CatchUp catchUp;
    Durability durability;
    Execution execution;
    Reads reads;
    Snapshot snapshot;
    Reconstruction reconstruction;

    PaxosContext(ReplicaConfig config, long seed, PaxosConcerns concerns) {
        this.config = config;
        this.tuning = LeaderTuning.of(config.parameters());
        this.self = config.self();
        this.members = Membership.of(config);
        NodeId highest = members.at(members.size() - 1);
        if (highest.value() >= Ballots.OWNERS) {
            throw new IllegalArgumentException("ballots name owners 1.." + (Ballots.OWNERS - 1) + ", got " + highest);
        }
        this.prng = new Prng(seed);
        this.quorums = concerns.quorums(members.size());
        this.coding = concerns.coding(members.size(), quorums, members.selfPos());
        if (coding.coded()) {
            state.recovered.keepEveryReport();
        }
        this.tracer = new PaxosTracer(this, config.tracing());
    }

    /** The member that owns {@code ballot}, or null. */
    NodeId ownerOf(long ballot) {
        return members.withValue(Ballots.owner(ballot));
    }
}
