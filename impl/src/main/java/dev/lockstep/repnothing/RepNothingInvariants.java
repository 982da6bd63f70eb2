package dev.lockstep.repnothing;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Replica;
import java.util.List;
import java.util.Optional;

/**
 * The spec's invariants over the (one) live replica, named as in RepNothing.tla: what it executed
 * is what it logged ({@code ExecutedFromDisk}: applied equals the log length after every step,
 * since a write is executed in the step that logs it), and what is durable is logged.
 * {@code ExecutedOnce} is the state machine's sessions; {@code AckedWritesDurable} is the
 * simulator's durability checker.
 */
public final class RepNothingInvariants implements ClusterInvariant {
    public static final RepNothingInvariants INSTANCE = new RepNothingInvariants();

    private RepNothingInvariants() {}

    @Override
    public Optional<Violation> check(List<Replica> replicas) {
        for (Replica r : replicas) {
            if (r instanceof RepNothingReplica rn) {
                RepNothingState st = rn.state();
                if (st.log.applied() != st.log.length() || st.snapshotBeyondApplied()) {
                    return Optional.of(new Violation("ExecutedFromDisk", r.id() + " executed " + st.log.applied()
                            + " of " + st.log.length() + " logged entries after a step (snapshot at "
                            + st.log.snapshotAt() + ")"));
                }
            }
        }
        return Optional.empty();
    }
}
