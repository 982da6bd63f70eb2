package dev.lockstep.server.wal;

/**
 * Metrics hook of a {@link GroupCommitter}, called on its durability thread after every sync
 * (the server wires it to Prometheus histograms/counters). Implementations must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface CommitMetrics {

    /** Ignores everything. */
    CommitMetrics NONE = stats -> { };

    void onSync(SyncStats stats);

    /**
     * One group commit: everything drained from the queue, appended, then made durable by one
     * {@link WriteAheadLog#sync()}.
     *
     * @param submissions how many {@link GroupCommitter#submit} calls it covered (persist steps)
     * @param records how many records were appended
     * @param bytes how many payload bytes were appended (framing not counted)
     * @param appendNanos time spent appending (buffering and writing to the page cache)
     * @param syncNanos time spent in {@code sync()} (the fsync)
     * @param highestSeq the persist sequence number reported durable
     */
    record SyncStats(
            int submissions, int records, long bytes, long appendNanos, long syncNanos, long highestSeq) {}
}
