package dev.lockstep.epaxos;

/**
 * Ballots of one instance (contract, "Instances and commands"; EPaxos.tla {@code NextBallot}): 0 is
 * the initial coordinator's; a recovery by replica {@code id} takes {@code round * 256 + id} with
 * the round one above that of every ballot it has seen for the instance, so two recoveries never
 * share a ballot.
 */
final class Ballots {
    static final int OWNERS = 256;

    private Ballots() {}

    /** The smallest ballot of {@code id} above {@code seen}. */
    static long nextAbove(long seen, int id) {
        return (seen / OWNERS + 1) * OWNERS + id;
    }
}
