package dev.lockstep.server.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The log is damaged somewhere other than its tail (or misses records), so recovering would
 * silently lose state that was once durable. The replica must not start on it; an operator
 * decides (restore from a peer or a backup).
 */
public final class WalCorruptionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path segment;
    private final long offset;

    public WalCorruptionException(Path segment, long offset, String problem) {
        super("write-ahead log corrupt in " + segment + " at offset " + offset + ": " + problem
                + " (not the log's tail, so not a torn write; refusing to start)");
        this.segment = segment;
        this.offset = offset;
    }

    /** The damaged segment file. */
    public Path segment() {
        return segment;
    }

    /** The byte offset in {@link #segment()} where the damage starts. */
    public long offset() {
        return offset;
    }
}
