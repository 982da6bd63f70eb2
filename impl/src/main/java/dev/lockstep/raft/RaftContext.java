package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Outbox;
import dev.lockstep.core.Prng;
import dev.lockstep.core.ReplicaConfig;
import java.util.List;

/**
 * What every concern of one replica shares: configuration, membership (sorted by id, so every
 * loop over members is deterministic), the spec state, the step's {@link Outbox}, the tracer,
 * and the concerns themselves so they can hand work to each other.
 */
final class RaftContext {
    final ReplicaConfig config;
    final NodeId self;
    /** Every member, ordered by id; a member's position indexes per-member arrays. */
    final NodeId[] members;
    final int selfPos;
    final int quorum;
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

    RaftContext(ReplicaConfig config, long seed) {
        this.config = config;
        this.self = config.self();
        this.members = sortedMembers(config.members());
        if (members.length > 63) {
            throw new IllegalArgumentException("at most 63 members, got " + members.length);
        }
        this.selfPos = posOf(self);
        this.quorum = config.quorum();
        this.prng = new Prng(seed);
        this.state = new RaftState(members.length);
        this.tracer = new RaftTracer(this, config.tracing());
    }

    private static NodeId[] sortedMembers(List<NodeId> members) {
        NodeId[] sorted = members.toArray(new NodeId[0]);
        java.util.Arrays.sort(sorted);
        return sorted;
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
}
