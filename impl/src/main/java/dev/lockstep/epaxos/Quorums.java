package dev.lockstep.epaxos;

/**
 * EPaxos*'s quorum sizes for {@code n} replicas (contract, "Quorums"; Ryabinin, Gotsman, Sutra,
 * OPODIS 2025, §3): {@code f = (n - 1) / 2} failures tolerated; {@code e}, the failures the fast
 * path tolerates, is the largest value {@code <= f} with {@code n >= 2e + f - 1}; a slow quorum is
 * {@code n - f} replicas, a fast quorum {@code n - e}, the coordinator included.
 */
record Quorums(int n, int f, int e) {

    static Quorums of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("no replicas");
        }
        int f = (n - 1) / 2;
        int e = Math.min(f, (n - f + 1) / 2);
        return new Quorums(n, f, e);
    }

    int slow() {
        return n - f;
    }

    int fast() {
        return n - e;
    }
}
