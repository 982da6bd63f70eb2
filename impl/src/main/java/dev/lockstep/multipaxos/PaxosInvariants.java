package dev.lockstep.multipaxos;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MultiPaxos's safety invariants over the live replicas of one cluster, each named as the spec
 * should name it:
 *
 * <ul>
 *   <li>{@code OneLeaderPerBallot}: two leaders never share a ballot, and a leader leads only a
 *       ballot it owns.
 *   <li>{@code OneValuePerBallot}: two acceptors never hold different values for one slot in one
 *       ballot (a ballot's leader proposes one value per slot; what chosen-uniqueness rests on).
 *   <li>{@code ChosenUnique}: at most one value is chosen per slot, where live replicas show it:
 *       a value that a quorum of live acceptors holds in one ballot is chosen, and every replica
 *       that committed the slot holds that value.
 *   <li>{@code CommittedPrefixesAgree}: two replicas' committed slots hold equal values.
 *   <li>{@code CommitIndexMonotonic}: within a replica instance the commit index never decreases
 *       and no committed slot's value changes (watched by each replica during its steps).
 * </ul>
 *
 * Cost: committed prefixes compare in O(1) by value fingerprints; chosen-uniqueness looks only at
 * the slots written or committed since the previous check (each log keeps that list), so a check
 * costs O(replicas² · (1 + changed slots)).
 */
public final class PaxosInvariants implements ClusterInvariant {
    public static final PaxosInvariants INSTANCE = new PaxosInvariants();

    private PaxosInvariants() {}

    @Override
    public Optional<Violation> check(List<Replica> replicas) {
        List<MultiPaxosReplica> paxos = new ArrayList<>(replicas.size());
        for (Replica r : replicas) {
            if (r instanceof MultiPaxosReplica p) {
                paxos.add(p);
            }
        }
        Optional<Violation> v = commitIndexMonotonic(paxos);
        for (int a = 0; a < paxos.size() && v.isEmpty(); a++) {
            v = ownBallot(paxos.get(a));
            for (int b = a + 1; b < paxos.size() && v.isEmpty(); b++) {
                v = oneLeaderPerBallot(paxos.get(a), paxos.get(b));
                if (v.isEmpty()) {
                    v = committedPrefixesAgree(paxos.get(a), paxos.get(b));
                }
            }
        }
        if (v.isEmpty()) {
            v = changedSlots(paxos);
        }
        return v;
    }

    static Optional<Violation> ownBallot(MultiPaxosReplica r) {
        PaxosState st = r.state();
        if (st.isLeader() && Ballots.owner(st.promised) != r.id().value()) {
            return violation("OneLeaderPerBallot", r.id() + " leads ballot " + st.promised + ", which it does not own");
        }
        return Optional.empty();
    }

    static Optional<Violation> oneLeaderPerBallot(MultiPaxosReplica a, MultiPaxosReplica b) {
        PaxosState sa = a.state();
        PaxosState sb = b.state();
        if (sa.isLeader() && sb.isLeader() && sa.promised == sb.promised) {
            return violation("OneLeaderPerBallot", a.id() + " and " + b.id() + " both lead ballot " + sa.promised);
        }
        return Optional.empty();
    }

    /** Values of slots {@code max(snapshots)+1 .. min(commits)} compared by fingerprint. */
    static Optional<Violation> committedPrefixesAgree(MultiPaxosReplica a, MultiPaxosReplica b) {
        PaxosLog la = a.state().log;
        PaxosLog lb = b.state().log;
        long lo = Math.max(la.snapshotSlot(), lb.snapshotSlot());
        long hi = Math.min(la.sealed(), lb.sealed());
        if (hi > lo && la.sealedFingerprint(lo, hi) != lb.sealedFingerprint(lo, hi)) {
            return violation("CommittedPrefixesAgree", a.id() + " and " + b.id()
                    + " committed different values in slots " + (lo + 1) + ".." + hi);
        }
        return Optional.empty();
    }

    static Optional<Violation> commitIndexMonotonic(List<MultiPaxosReplica> replicas) {
        for (MultiPaxosReplica r : replicas) {
            if (r.commitRegression() != null) {
                return violation("CommitIndexMonotonic", r.id() + ": " + r.commitRegression());
            }
        }
        return Optional.empty();
    }

    /** OneValuePerBallot and ChosenUnique at every slot some replica changed since the last check. */
    private static Optional<Violation> changedSlots(List<MultiPaxosReplica> replicas) {
        List<Long> slots = new ArrayList<>();
        for (MultiPaxosReplica r : replicas) {
            r.state().log.drainDirty(slots::add);
        }
        for (long slot : slots) {
            Optional<Violation> v = checkSlot(replicas, slot);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    static Optional<Violation> checkSlot(List<MultiPaxosReplica> replicas, long slot) {
        PaxosEntry chosen = null;
        for (int a = 0; a < replicas.size(); a++) {
            PaxosEntry ea = heldAt(replicas.get(a), slot);
            if (ea.isNone()) {
                continue;
            }
            int holders = 1;
            for (int b = 0; b < replicas.size(); b++) {
                PaxosEntry eb = heldAt(replicas.get(b), slot);
                if (b == a || eb.isNone() || eb.bal() != ea.bal()) {
                    continue;
                }
                if (!eb.sameValue(ea)) {
                    return violation("OneValuePerBallot", replicas.get(a).id() + " and " + replicas.get(b).id()
                            + " accepted different values in ballot " + ea.bal() + " at slot " + slot);
                }
                holders++;
            }
            if (holders >= replicas.get(a).quorum()) {
                chosen = ea;
            }
        }
        return chosen == null ? Optional.empty() : committedAgreeWithChosen(replicas, slot, chosen);
    }

    private static Optional<Violation> committedAgreeWithChosen(List<MultiPaxosReplica> replicas, long slot,
            PaxosEntry chosen) {
        for (MultiPaxosReplica r : replicas) {
            PaxosState st = r.state();
            if (slot <= st.commitIndex && st.log.holds(slot) && !st.log.entry(slot).sameValue(chosen)) {
                return violation("ChosenUnique", "a quorum accepted " + chosen + " at slot " + slot + " but "
                        + r.id() + " committed " + st.log.entry(slot));
            }
        }
        return Optional.empty();
    }

    private static PaxosEntry heldAt(MultiPaxosReplica r, long slot) {
        PaxosLog log = r.state().log;
        return log.holds(slot) ? log.entry(slot) : PaxosEntry.NONE;
    }

    private static Optional<Violation> violation(String invariant, String detail) {
        return Optional.of(new Violation(invariant, detail));
    }
}
