package dev.lockstep.server.wal;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A replica's stable storage: an append-only sequence of opaque records (a protocol's encoded
 * {@code DurableRecord}s), made durable by {@link #sync()}. Single-threaded: one owner thread
 * (the group committer) calls every method.
 */
public interface WriteAheadLog extends AutoCloseable {

    /**
     * Reads back every record from the latest checkpoint on, in append order. Must be called
     * once, before any append. A torn or corrupt tail is cut off (and reported in the result),
     * never returned.
     */
    Recovery recover() throws IOException;

    /**
     * Appends one record (buffered, not yet durable). A checkpoint record holds the replica's
     * whole durable state: once it is durable every earlier record may be deleted.
     */
    void append(byte[] record, boolean checkpoint) throws IOException;

    /**
     * Appends records as one atomic unit (buffered, not yet durable): after a crash, recovery
     * returns either all of them or none. This is what one {@code Effect.Persist} needs ("durable,
     * in order, atomically as a unit"); {@link #append} is the unit of one record.
     */
    void appendAtomically(List<Entry> entries) throws IOException;

    /** Makes every appended record durable (fsync, unless the log was opened with fsync off). */
    void sync() throws IOException;

    @Override
    void close() throws IOException;

    /**
     * @param records the surviving records, oldest first, starting at the latest checkpoint
     * @param truncatedTail a description of the torn/corrupt tail that was discarded, or null
     */
    record Recovery(List<byte[]> records, String truncatedTail) {}

    /** One record to append: its payload and whether it is a checkpoint. */
    record Entry(byte[] payload, boolean checkpoint) {
        public Entry {
            Objects.requireNonNull(payload, "payload");
        }
    }
}
