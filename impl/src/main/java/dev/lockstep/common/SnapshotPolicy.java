package dev.lockstep.common;

/**
 * When a log protocol snapshots its state machine and compacts its log (Raft §7): once
 * {@code every} entries were applied since the position the last snapshot covers; never when
 * {@code every} is 0. A snapshot covers exactly the applied prefix, so a replica that restarts
 * from it re-applies nothing and loses nothing.
 */
public record SnapshotPolicy(int every) {
    public SnapshotPolicy {
        if (every < 0) {
            throw new IllegalArgumentException("snapshot interval must be >= 0, got " + every);
        }
    }

    /** True when a snapshot at {@code applied} is due, the last one covering up to {@code covered}. */
    public boolean due(long applied, long covered) {
        return every > 0 && applied - covered >= every;
    }
}
