package dev.lockstep.tlc;

/**
 * Receives what a TLC run reports while it runs. Called on the runner's reader threads, one call
 * at a time; implementations need not be thread-safe but must not block for long.
 */
public interface TlcListener {

    /** A listener that ignores everything. */
    TlcListener NONE = new TlcListener() {};

    /** The fork's counters, about every {@link TlcJob#progressInterval()}. */
    default void onProgress(TlcProgress progress) {}

    /** Every TLC message, as soon as it is complete (e.g. to show {@code Print} output). */
    default void onMessage(TlcMessage message) {}
}
