package dev.lockstep.multipaxos;

/**
 * The quorum sizes of one replica group. MultiPaxos: a majority for both phases. RSPaxos (Mu et
 * al., HPDC 2014; RSPaxos.tla's ASSUME): with d data shards, phase 2 needs {@code write}
 * acceptances and phase 1 {@code read} promises such that {@code write + read - n >= d}, so that
 * any read quorum holds d shards of anything a write quorum accepted. Lockstep uses Summerset's
 * rule with f = 1 for three or more replicas: d = majority, write = majority + f, read = n - f
 * (3 replicas: d = 2, write = 3, read = 2; 5: d = 3, write = 4, read = 4).
 *
 * @param write acceptances (counting the leader's durable own) that commit a slot
 * @param read promises (counting the proposer's own) that end phase 1
 * @param dataShards distinct shards that rebuild a value (1: full copies)
 */
record Quorums(int write, int read, int dataShards) {

    static Quorums majority(int n) {
        int m = n / 2 + 1;
        return new Quorums(m, m, 1);
    }

    static Quorums rsPaxos(int n) {
        int m = n / 2 + 1;
        int f = n >= 3 ? 1 : 0;
        return new Quorums(m + f, n - f, m);
    }

    Quorums {
        if (write < 1 || read < 1 || dataShards < 1) {
            throw new IllegalArgumentException("quorums must be positive: " + write + ", " + read + ", " + dataShards);
        }
    }

    boolean isWrite(long memberBits) {
        return Long.bitCount(memberBits) >= write;
    }

    boolean isRead(long memberBits) {
        return Long.bitCount(memberBits) >= read;
    }
}
