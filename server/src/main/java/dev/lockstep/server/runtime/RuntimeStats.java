package dev.lockstep.server.runtime;

/**
 * Counters of one {@link ReplicaRuntime}, written only by its event loop and read by anyone
 * (metrics, INFO). Each field has a single writer, so volatile suffices.
 */
public final class RuntimeStats {
    volatile long steps;
    volatile long persists;
    volatile long persistedRecords;
    volatile long persistedBytes;
    volatile long sends;
    volatile long applies;
    volatile long replies;
    volatile long traceLines;
    volatile long waitingEffects;

    public long steps() {
        return steps;
    }

    public long persists() {
        return persists;
    }

    public long persistedRecords() {
        return persistedRecords;
    }

    public long persistedBytes() {
        return persistedBytes;
    }

    public long sends() {
        return sends;
    }

    public long applies() {
        return applies;
    }

    public long replies() {
        return replies;
    }

    public long traceLines() {
        return traceLines;
    }

    /** Effects currently held behind a persist that is not yet durable. */
    public long waitingEffects() {
        return waitingEffects;
    }
}
