package dev.lockstep.core;

/**
 * What a protocol promises and how it is shaped, declared once in its registry entry. Every
 * generic tool reads these instead of assuming Raft's shape: the simulator picks its checkers and
 * fault targets from them, the server routes client requests by them, the launcher sizes a local
 * cluster by them (docs/runtime-contract.md, "Protocol traits").
 *
 * @param guarantee what a client may rely on
 * @param order which commands every replica applies in the same order
 * @param leadership whether one replica leads (and has a term or ballot)
 * @param routing where a server sends a client request first
 * @param sizes the cluster sizes the protocol runs with
 */
public record Traits(Guarantee guarantee, ExecutionOrder order, Leadership leadership, Routing routing,
        ClusterSizes sizes) {

    public Traits {
        if (routing == Routing.TO_LEADER && !leadership.hasLeader()) {
            throw new IllegalArgumentException("routing to the leader needs a protocol with a leader");
        }
        if (guarantee == Guarantee.LINEARIZABLE && order == ExecutionOrder.NONE && sizes.max() > 1) {
            throw new IllegalArgumentException("a replicated protocol without an execution order cannot be linearizable");
        }
    }

    public boolean hasLeader() {
        return leadership.hasLeader();
    }

    /** The client-visible consistency guarantee. */
    public enum Guarantee {
        /** Every operation appears to take effect at one instant between its call and its return. */
        LINEARIZABLE,
        /** Each client's reads respect causality (read-your-writes, monotonic reads, writes-follow-reads). */
        CAUSAL,
        /**
         * An acknowledged write is on the promised number of disks ({@link Protocol#durability()});
         * nothing is promised about what reads return across replicas.
         */
        DURABLE_ONLY;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Which commands every replica applies in the same order. */
    public enum ExecutionOrder {
        /** One log: every replica applies the same command at the same {@link ExecutionPosition.Slot}. */
        TOTAL,
        /**
         * Only conflicting commands are ordered (they share a key or a client session, see
         * {@code dev.lockstep.kv.Conflicts}): every replica applies the commands that touch one
         * key in the same order.
         */
        PARTIAL,
        /** No order across replicas: each applies what it receives as it arrives. */
        NONE;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether one replica at a time leads, and whether a healthy leader keeps leading. */
    public enum Leadership {
        /**
         * One replica leads a term (or ballot); {@link ReplicaStatus#leadership()} reports it. No
         * promise that a replica rejoining after a partition leaves a healthy leader alone.
         */
        LEADER,
        /**
         * As {@link #LEADER}, and a healthy leader stays: a replica that rejoins after a partition
         * does not depose a leader that kept a majority (Raft's PreVote, thesis §9.6). The
         * simulator's stability probe checks it.
         */
        STABLE_LEADER,
        /** No replica has a special role. */
        LEADERLESS;

        public boolean hasLeader() {
            return this != LEADERLESS;
        }
    }

    /** Where a server sends a client request before any redirect. */
    public enum Routing {
        /** To the replica this one believes leads (itself included); others answer with a redirect. */
        TO_LEADER,
        /** To the local replica, which takes it or answers {@code Redirect} to the one that should. */
        LOCAL
    }

    /**
     * @param min fewest replicas
     * @param max most replicas
     * @param local how many replicas {@code ./lockstep cluster} starts by default
     */
    public record ClusterSizes(int min, int max, int local) {
        public ClusterSizes {
            if (min < 1 || max < min || local < min || local > max) {
                throw new IllegalArgumentException("need 1 <= min <= local <= max, got " + min + ", " + local + ", " + max);
            }
        }

        public boolean allows(int size) {
            return size >= min && size <= max;
        }

        /** The size nearest to {@code wanted} that the protocol allows. */
        public int clamp(int wanted) {
            return Math.max(min, Math.min(max, wanted));
        }

        public String text() {
            return min == max ? String.valueOf(min) : min + ".." + max;
        }

        /** {@code "1 replica"}, {@code "1..63 replicas"}. */
        public String describe() {
            return text() + (max == 1 ? " replica" : " replicas");
        }
    }
}
