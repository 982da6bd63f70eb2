package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The members of a cluster as one replica sees them: sorted by id, so every loop over members is
 * deterministic, with a position per member that indexes per-member arrays, and sets of members
 * kept as a bit per position (votes, promises, acknowledgements) with the majority quorum test
 * over them. At most 63 members.
 */
public final class Membership {
    public static final int MAX_MEMBERS = 63;

    private final NodeId[] members;
    private final int selfPos;
    private final int quorum;

    private Membership(NodeId[] sorted, NodeId self) {
        this.members = sorted;
        this.selfPos = posOf(self);
        this.quorum = sorted.length / 2 + 1;
    }

    public static Membership of(ReplicaConfig config) {
        return of(config.self(), config.members());
    }

    public static Membership of(NodeId self, List<NodeId> members) {
        NodeId[] sorted = members.toArray(new NodeId[0]);
        Arrays.sort(sorted);
        if (sorted.length > MAX_MEMBERS) {
            throw new IllegalArgumentException("at most " + MAX_MEMBERS + " members, got " + sorted.length);
        }
        Membership m = new Membership(sorted, self);
        if (m.selfPos < 0) {
            throw new IllegalArgumentException(self + " is not among the members " + members);
        }
        return m;
    }

    public int size() {
        return members.length;
    }

    /** The member at {@code pos} (0-based, in id order). */
    public NodeId at(int pos) {
        return members[pos];
    }

    public NodeId self() {
        return members[selfPos];
    }

    public int selfPos() {
        return selfPos;
    }

    /** The position of {@code id}, or -1 when it is not a member. */
    public int posOf(NodeId id) {
        for (int p = 0; p < members.length; p++) {
            if (members[p].equals(id)) {
                return p;
            }
        }
        return -1;
    }

    /** The member with this id value, or null. */
    public NodeId withValue(int value) {
        for (NodeId m : members) {
            if (m.value() == value) {
                return m;
            }
        }
        return null;
    }

    /** A majority of the members. */
    public int quorum() {
        return quorum;
    }

    /** The set holding only the member at {@code pos}. */
    public static long bit(int pos) {
        return 1L << pos;
    }

    public boolean isQuorum(long memberBits) {
        return Long.bitCount(memberBits) >= quorum;
    }

    /** The members of a bit set, as the trace's sorted list of node names. */
    public List<String> namesIn(long bits) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < members.length; p++) {
            if ((bits & bit(p)) != 0) {
                names.add(members[p].toString());
            }
        }
        return Collections.unmodifiableList(names);
    }

    /** Every member, in id order. */
    public List<NodeId> all() {
        return List.of(members);
    }

    /** The positions of the other members, in id order. */
    public int[] others() {
        int[] others = new int[members.length - 1];
        for (int p = 0, k = 0; p < members.length; p++) {
            if (p != selfPos) {
                others[k++] = p;
            }
        }
        return others;
    }
}
