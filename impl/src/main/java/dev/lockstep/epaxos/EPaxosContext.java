package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Outbox;
import dev.lockstep.base.Prng;
import dev.lockstep.core.ReplicaConfig;

/**
 * What every concern of one replica shares: configuration and tuning, the {@link Membership} and
 * {@link Quorums}, the state, the step's {@link Outbox}, the tracer, and the concerns themselves
 * so they can hand work to each other.
 */
final class EPaxosContext {
    final ReplicaConfig config;
    final EPaxosTuning tuning;
    final NodeId self;
    final Membership members;
    final Quorums quorums;
    final Prng prng;
    final EPaxosState state;
    final Outbox out = new Outbox();
    final EPaxosTracer tracer;

    Proposals proposals;
    Replication replication;
    Recovery recovery;
    Execution execution;
    Durability durability;
    Snapshot snapshot;
    Forgetting forgetting;

    EPaxosContext(ReplicaConfig config, long seed) {
        this.config = config;
        this.tuning = EPaxosTuning.of(config.parameters());
        this.self = config.self();
        this.members = Membership.of(config);
        if (members.at(members.size() - 1).value() >= Ballots.OWNERS) {
            throw new IllegalArgumentException("ballots name replicas 1.." + (Ballots.OWNERS - 1));
        }
        this.quorums = Quorums.of(members.size());
        this.prng = new Prng(seed);
        this.state = new EPaxosState(members);
        this.tracer = new EPaxosTracer(this, config.tracing());
    }

    int selfPos() {
        return members.selfPos();
    }

    int posOf(NodeId id) {
        return members.posOf(id);
    }

    boolean owns(InstanceId id) {
        return id.owner().equals(self);
    }

    /** Sends {@code m} to every other replica. */
    void sendToOthers(EPaxosMessage m) {
        for (int p : members.others()) {
            out.send(members.at(p), m);
        }
    }
}
