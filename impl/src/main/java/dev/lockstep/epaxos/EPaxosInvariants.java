package dev.lockstep.epaxos;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Replica;
import java.util.List;
import java.util.Optional;

/**
 * EPaxos.tla's safety invariants over the live replicas, checked by the simulator after every
 * step for the instances committed in that step (a commit is where either can break), and
 * {@code CommittedOnce} also for the committed instances a step changed or a restart restored
 * (the spec's holds in every state: a committed command overwritten later, or one a replica
 * committed while another that committed differently was down, breaks it too):
 * {@code CommittedOnce} (EPaxos Theorem 1; EPaxos* Agreement: every replica that committed an
 * instance holds the same command and attributes) and {@code Visibility} (EPaxos Theorem 2: of
 * two conflicting committed instances, neither a no-op, one depends on the other). Agreement on
 * the order of execution ({@code ExecutionConsistency}) is the simulator's per-key order checker.
 */
public final class EPaxosInvariants implements ClusterInvariant {
    public static final EPaxosInvariants INSTANCE = new EPaxosInvariants();

    private EPaxosInvariants() {}

    @Override
    public Optional<Violation> check(List<Replica> replicas) {
        for (Replica r : replicas) {
            if (!(r instanceof EPaxosReplica e)) {
                continue;
            }
            EPaxosState st = e.context().state;
            for (Instance x : st.committedThisStep) {
                Optional<Violation> v = committedOnce(e, x, replicas).or(() -> visibility(e, x));
                if (v.isPresent()) {
                    return v;
                }
            }
            for (Instance x : st.committedTouchedThisStep) {
                Optional<Violation> v = committedOnce(e, x, replicas);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> committedOnce(EPaxosReplica at, Instance x, List<Replica> replicas) {
        for (Replica r : replicas) {
            if (r == at || !(r instanceof EPaxosReplica other)) {
                continue;
            }
            Instance y = other.context().state.space.find(x.id);
            if (y != null && y.isCommitted() && !(x.cmd.equals(y.cmd) && x.deps.equals(y.deps) && x.seq == y.seq)) {
                return Optional.of(new Violation("CommittedOnce", x.id + " committed at " + at.id() + " as " + x
                        + " but at " + other.id() + " as " + y));
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> visibility(EPaxosReplica at, Instance x) {
        if (x.cmd.isNop()) {
            return Optional.empty();
        }
        InstanceSpace space = at.context().state.space;
        int xPos = space.ownerPos(x.id);
        for (int p = 0; p < at.context().members.size(); p++) {
            long old = at.context().state.forgotten.highestConflicting(p, x.cmd);
            if (old > x.deps.at(p)) {
                return Optional.of(new Violation("Visibility", "conflicting " + x + " and the forgotten instance "
                        + new InstanceId(at.context().members.at(p), old) + " at " + at.id()
                        + ": neither depends on the other"));
            }
            for (Instance j : space.above(p, x.deps.at(p))) {
                if (j != x && j.isCommitted() && !j.cmd.isNop() && Payload.conflict(x.cmd, j.cmd)
                        && !j.deps.covers(xPos, x.id.num())) {
                    return Optional.of(new Violation("Visibility", "conflicting " + x + " and " + j + " at " + at.id()
                            + ": neither depends on the other"));
                }
            }
        }
        return Optional.empty();
    }
}
