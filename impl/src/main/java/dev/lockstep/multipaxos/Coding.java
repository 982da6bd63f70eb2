package dev.lockstep.multipaxos;

import java.util.List;

/**
 * How a replica holds the values it accepts. MultiPaxos keeps full copies, and every method here
 * is the identity; RSPaxos keeps one Reed-Solomon shard per acceptor ({@link ShardCoding}). The
 * rest of the core goes through this seam wherever the two differ: what a proposer writes to its
 * own log, what it sends each acceptor, what a new leader may rebuild from its promises, and the
 * full value execution needs.
 */
class Coding {
    static final Coding FULL_COPIES = new Coding();

    /** False for full copies. */
    boolean coded() {
        return false;
    }

    /** Distinct shards that rebuild a value (1: a full copy is the value). */
    int dataShards() {
        return 1;
    }

    /** A proposer's full value for {@code slot}: what it writes to its own log. */
    PaxosEntry store(long slot, PaxosEntry full) {
        return full;
    }

    /** The entries of {@code slot, slot + 1, ...} as acceptor {@code pos} is to receive them. */
    List<PaxosEntry> forPeer(long slot, List<PaxosEntry> held, int pos) {
        return held;
    }

    /** Chosen entries of {@code slot, slot + 1, ...} that catch replica {@code pos} up. */
    List<PaxosEntry> forCatchUp(long slot, List<PaxosEntry> held, int pos) {
        return held;
    }

    /**
     * What a catch-up writes at a slot that holds {@code mine}: the chosen {@code received} entry.
     * RSPaxos keeps its own shard of the same value: overwriting it with another replica's shard
     * would lose a distinct shard that recovery may need.
     */
    PaxosEntry caughtUp(PaxosEntry mine, PaxosEntry received) {
        return received;
    }

    /**
     * The full value of {@code slot}, given the entry this replica holds there; null when it
     * must first be rebuilt from other replicas' shards.
     */
    PaxosEntry fullValue(long slot, PaxosEntry held) {
        return held;
    }

    /**
     * The value a new leader may propose for {@code slot}, given the highest-ballot entry its
     * promises reported and every entry they reported there; null when the slot is free.
     */
    PaxosEntry recover(long slot, PaxosEntry highest, List<PaxosEntry> reports) {
        return highest;
    }

    /** A full value rebuilt for {@code slot} from shards whose digest is {@code digest}. */
    void learned(long slot, PaxosEntry full, long digest) {}

    /** {@code slot} was executed. */
    void executed(long slot) {}

    /** Slots up to {@code slot} were compacted. */
    void dropThrough(long slot) {}

    /** A restart: everything volatile is gone. */
    void clear() {}
}
