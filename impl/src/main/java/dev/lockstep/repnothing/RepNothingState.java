package dev.lockstep.repnothing;

import dev.lockstep.common.ExecutedLog;

/**
 * The spec's variables of the one replica: {@code mem} and {@code applied} are the
 * {@link ExecutedLog}'s length and executed prefix (a write is executed in the step that logs
 * it); {@code disk} as the trace has it is {@link #synced}.
 */
final class RepNothingState {
    final ExecutedLog log = new ExecutedLog();
    /** The spec's {@code Len(disk[i])} as the trace has it: the log length at the last {@code Sync}. */
    long synced;

    /** True when the snapshot covers more than was executed (a broken invariant). */
    boolean snapshotBeyondApplied() {
        return log.snapshotAt() > log.applied();
    }
}
