package dev.lockstep.epaxos;

import dev.lockstep.common.Membership;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A replica's volatile state as the coordinator of one instance (contract: "coordinator state";
 * lost on restart): the answers collected in the current phase. One round per instance at a
 * time; a newer round replaces an older one.
 */
sealed interface Round {

    /** The ballot this round runs at. */
    long ballot();

    /** The initial coordinator's PreAccept phase (EPaxos Fig. 2, Phase 1), at ballot 0. */
    final class PreAccepting implements Round {
        final Deps[] deps;
        final long[] seqs;
        long answered;
        /** Ticks since a slow quorum answered (the fast-path wait). */
        int waitedTicks;

        PreAccepting(int members) {
            deps = new Deps[members];
            seqs = new long[members];
        }

        @Override
        public long ballot() {
            return 0;
        }

        void record(int pos, Deps d, long s) {
            deps[pos] = d;
            seqs[pos] = s;
            answered |= Membership.bit(pos);
        }

        int answers() {
            return Long.bitCount(answered);
        }

        /** Answers equal to {@code (d, s)}. */
        int equalTo(Deps d, long s) {
            int n = 0;
            for (int p = 0; p < deps.length; p++) {
                if ((answered & Membership.bit(p)) != 0 && deps[p].equals(d) && seqs[p] == s) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A Paxos Accept phase (EPaxos Fig. 2 "Paxos-Accept"; or a recovery's) at {@code ballot}. */
    final class Accepting implements Round {
        private final long ballot;
        long acks;

        Accepting(long ballot, int selfPos) {
            this.ballot = ballot;
            this.acks = Membership.bit(selfPos);
        }

        @Override
        public long ballot() {
            return ballot;
        }
    }

    /** EPaxos* recovery (Fig. 3 and 5) at {@code ballot}: Recover, then Validate, then Waiting. */
    final class Recovering implements Round {
        enum Stage { RECOVER, VALIDATE, WAITING }

        private final long ballot;
        Stage stage = Stage.RECOVER;
        final EPaxosMessage.RecoverReply[] replies;
        long answered;
        /** The decision's quorum {@code Q} (fixed when a slow quorum answered). */
        long quorum;
        /** The candidate {@code (c, D, s)} and {@code |Rmax|} of a validation. */
        Payload candidate;
        Deps candidateDeps;
        long candidateSeq;
        int rmax;
        long validated;
        /** The validation's conflicts {@code I}. */
        final Set<EPaxosMessage.Conflict> conflicts = new LinkedHashSet<>();

        Recovering(long ballot, int members) {
            this.ballot = ballot;
            this.replies = new EPaxosMessage.RecoverReply[members];
        }

        @Override
        public long ballot() {
            return ballot;
        }

        void record(int pos, EPaxosMessage.RecoverReply reply) {
            replies[pos] = reply;
            answered |= Membership.bit(pos);
        }

        boolean inQuorum(int pos) {
            return (quorum & Membership.bit(pos)) != 0;
        }
    }
}
