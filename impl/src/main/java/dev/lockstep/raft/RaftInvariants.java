package dev.lockstep.raft;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The spec's safety invariants, checked over the live replicas of one cluster (Raft Figure 3),
 * each named as in Raft.tla. Logs are compared through {@link RaftLog}'s term starts and
 * content fingerprints, so a check costs O(replicas² · terms), not O(log length). Entries
 * compacted into a snapshot are compared by term only where the term is still known.
 */
public final class RaftInvariants implements ClusterInvariant {
    public static final RaftInvariants INSTANCE = new RaftInvariants();

    private RaftInvariants() {}

    @Override
    public Optional<Violation> check(List<Replica> replicas) {
        List<RaftReplica> raft = new ArrayList<>(replicas.size());
        for (Replica r : replicas) {
            if (r instanceof RaftReplica rr) {
                raft.add(rr);
            }
        }
        Optional<Violation> v = committedIndexMonotonic(raft);
        if (v.isEmpty()) {
            v = leaderCommitsOwnTerm(raft);
        }
        for (int a = 0; a < raft.size() && v.isEmpty(); a++) {
            for (int b = a + 1; b < raft.size() && v.isEmpty(); b++) {
                v = checkPair(raft.get(a), raft.get(b));
            }
        }
        return v;
    }

    private static Optional<Violation> checkPair(RaftReplica a, RaftReplica b) {
        Optional<Violation> v = electionSafety(a, b);
        if (v.isEmpty()) {
            v = logMatching(a, b);
        }
        if (v.isEmpty()) {
            v = stateMachineSafety(a, b);
        }
        if (v.isEmpty()) {
            v = leaderCompleteness(a, b);
        }
        if (v.isEmpty()) {
            v = leaderCompleteness(b, a);
        }
        return v;
    }

    /**
     * ElectionSafety: at most one leader per term (Raft §5.2), among the current leaders and in
     * the logs' history: every leader starts its term with its no-op, so two logs whose entries
     * of one term begin at different indices had two leaders in that term.
     */
    static Optional<Violation> electionSafety(RaftReplica a, RaftReplica b) {
        RaftState sa = a.state();
        RaftState sb = b.state();
        if (sa.isLeader() && sb.isLeader() && sa.currentTerm == sb.currentTerm) {
            return violation("ElectionSafety", a.id() + " and " + b.id() + " both lead term " + sa.currentTerm);
        }
        for (long term : sa.log.terms()) {
            long startA = sa.log.startOfTerm(term);
            long startB = sb.log.startOfTerm(term);
            if (startB >= 0 && startA != startB) {
                return violation("ElectionSafety", "term " + term + " starts at index " + startA + " in " + a.id()
                        + "'s log but at " + startB + " in " + b.id() + "'s: two leaders in term " + term);
            }
        }
        return Optional.empty();
    }

    /** LogMatching: if two logs hold an entry with the same index and term, they are equal up to it (§5.3). */
    static Optional<Violation> logMatching(RaftReplica a, RaftReplica b) {
        RaftLog la = a.state().log;
        RaftLog lb = b.state().log;
        long lo = Math.max(la.snapshotIndex(), lb.snapshotIndex());
        long k = Math.min(la.lastIndex(), lb.lastIndex());
        while (k > lo && la.termAt(k) != lb.termAt(k)) {
            // Both terms are constant back to the later of their term starts: skip that segment.
            k = Math.max(la.firstIndexOfTermAt(k), lb.firstIndexOfTermAt(k)) - 1;
        }
        if (k <= lo) {
            return Optional.empty();
        }
        if (la.rangeFingerprint(lo, k) != lb.rangeFingerprint(lo, k) || !sameKnownTerm(la, lb, lo)) {
            return violation("LogMatching", a.id() + " and " + b.id() + " agree on the term at index " + k
                    + " but their logs differ at or below it");
        }
        return Optional.empty();
    }

    /** StateMachineSafety: no two replicas commit different entries at one index (§5.4.3). */
    static Optional<Violation> stateMachineSafety(RaftReplica a, RaftReplica b) {
        RaftLog la = a.state().log;
        RaftLog lb = b.state().log;
        long c = Math.min(Math.min(a.state().commitIndex, b.state().commitIndex), Math.min(la.lastIndex(), lb.lastIndex()));
        long lo = Math.max(la.snapshotIndex(), lb.snapshotIndex());
        boolean differs = c > lo ? la.termAt(c) != lb.termAt(c) || la.rangeFingerprint(lo, c) != lb.rangeFingerprint(lo, c)
                : !sameKnownTerm(la, lb, c);
        if (differs) {
            return violation("StateMachineSafety", a.id() + " and " + b.id()
                    + " have committed different entries at or below index " + c);
        }
        return Optional.empty();
    }

    /**
     * LeaderCompleteness (§5.4): a leader holds every entry committed in an earlier term. Checked
     * against replicas whose current term is below the leader's (their commit index was decided
     * in an earlier term).
     */
    static Optional<Violation> leaderCompleteness(RaftReplica leader, RaftReplica other) {
        RaftState l = leader.state();
        RaftState o = other.state();
        if (!l.isLeader() || o.currentTerm >= l.currentTerm || o.commitIndex == 0) {
            return Optional.empty();
        }
        long c = Math.min(o.commitIndex, o.log.lastIndex());
        if (l.log.lastIndex() < c || !sameKnownTerm(l.log, o.log, c)) {
            return violation("LeaderCompleteness", "leader " + leader.id() + " of term " + l.currentTerm
                    + " lacks the entry " + other.id() + " committed at index " + c);
        }
        return Optional.empty();
    }

    /**
     * CommittedIndexMonotonic: a replica's commit index never decreases and its committed
     * entries never change, restarts excepted (watched by each replica during its steps).
     */
    static Optional<Violation> committedIndexMonotonic(List<RaftReplica> replicas) {
        for (RaftReplica r : replicas) {
            if (r.commitRegression() != null) {
                return violation("CommittedIndexMonotonic", r.id() + ": " + r.commitRegression());
            }
        }
        return Optional.empty();
    }

    /**
     * LeaderCommitsOwnTerm: a leader commits by counting only entries of its own term (§5.4.2);
     * watched by each replica during its steps. Catches the Figure 8 bug at its cause, long
     * before the rare schedule in which it loses a committed entry.
     */
    static Optional<Violation> leaderCommitsOwnTerm(List<RaftReplica> replicas) {
        for (RaftReplica r : replicas) {
            if (r.oldTermCommit() != null) {
                return violation("LeaderCommitsOwnTerm", r.id() + ": " + r.oldTermCommit());
            }
        }
        return Optional.empty();
    }

    private static boolean sameKnownTerm(RaftLog a, RaftLog b, long index) {
        long ta = a.termAt(index);
        long tb = b.termAt(index);
        return ta < 0 || tb < 0 || ta == tb;
    }

    private static Optional<Violation> violation(String invariant, String detail) {
        return Optional.of(new Violation(invariant, detail));
    }
}
