package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Outbox;
import dev.lockstep.core.Prng;
import dev.lockstep.core.ReplicaConfig;
import java.util.Arrays;

/**
 * What every concern of one replica shares: configuration, membership (sorted by id, so every
 * loop over members is deterministic), the spec state, the step's {@link Outbox}, the tracer,
 * and the concerns themselves so they can hand work to each other.
 */
final class PaxosContext {
    final ReplicaConfig config;
    final NodeId self;
    /** Every member, ordered by id; a member's position indexes per-member arrays and bit sets. */
    final NodeId[] members;
    final int selfPos;
    final int quorum;
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
        this.self = config.self();
        this.members = config.members().toArray(new NodeId[0]);
        Arrays.sort(members);
        if (members.length > 63) {
            throw new IllegalArgumentException("at most 63 members, got " + members.length);
        }
        if (members[members.length - 1].value() >= Ballots.OWNERS) {
            throw new IllegalArgumentException("ballots name owners 1.." + (Ballots.OWNERS - 1) + ", got "
                    + members[members.length - 1]);
        }
        this.selfPos = posOf(self);
        this.quorum = config.quorum();
        this.prng = new Prng(seed);
        this.tracer = new PaxosTracer(this, config.tracing());
    }

    /** The position of {@code id} among the members, or -1 when it is not a member. */
    int posOf(NodeId id) {
        for (int p = 0; p < members.length; p++) {
            if (members[p].equals(id)) {
                return p;
            }
        }
        return -1;
    }

    static long bit(int pos) {
        return 1L << pos;
    }

    boolean isQuorum(long memberBits) {
        return Long.bitCount(memberBits) >= quorum;
    }

    /** The member that owns {@code ballot}, or null. */
    NodeId ownerOf(long ballot) {
        int id = Ballots.owner(ballot);
        for (NodeId m : members) {
            if (m.value() == id) {
                return m;
            }
        }
        return null;
    }
}
