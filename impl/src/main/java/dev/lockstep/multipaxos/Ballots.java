package dev.lockstep.multipaxos;

/**
 * The contract's ballots: {@code round * 256 + id}, where {@code id} is the owner's node number
 * (at most 255 replicas) and {@code round >= 1}; 0 means none. Distinct servers never share a
 * ballot, so a ballot names its proposer ("Paxos Made Simple" §2.3: disjoint sets of numbers).
 */
final class Ballots {
    static final int OWNERS = 256;

    private Ballots() {}

    /** The spec's {@code NextBallot(i)}: the smallest ballot owned by {@code ownerId} above {@code promised}. */
    static long next(long promised, int ownerId) {
        return (promised / OWNERS + 1) * OWNERS + ownerId;
    }

    /** The spec's {@code Owner(b)} as a node number (0 for ballot 0). */
    static int owner(long ballot) {
        return (int) (ballot % OWNERS);
    }
}
