package dev.lockstep.simplepush;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Replica;
import java.util.List;
import java.util.Optional;

/**
 * SimplePush.tla's per-replica invariant {@code ExecutedFromLog} over the live replicas: after
 * every step a replica has executed exactly what it logged (it executes an entry in the step that
 * logs it) and its snapshot covers no more than that. {@code ExecutedOnce} is the state machine's
 * sessions; {@code AckedWritesDurable} is the simulator's durability checker.
 */
public final class SimplePushInvariants implements ClusterInvariant {
    public static final SimplePushInvariants INSTANCE = new SimplePushInvariants();

    private SimplePushInvariants() {}

    @Override
    public Optional<Violation> check(List<Replica> replicas) {
        for (Replica r : replicas) {
            if (r instanceof SimplePushReplica sp) {
                var log = sp.state().log;
                if (log.applied() != log.length() || log.snapshotAt() > log.applied()) {
                    return Optional.of(new Violation("ExecutedFromLog", r.id() + " executed " + log.applied() + " of "
                            + log.length() + " logged entries after a step (snapshot at " + log.snapshotAt() + ")"));
                }
            }
        }
        return Optional.empty();
    }
}
