package dev.lockstep.server.runtime;

import dev.lockstep.server.wal.GroupCommitter;
import dev.lockstep.server.wal.WriteAheadLog;
import java.util.List;

/**
 * The runtime's view of stable storage: a non-blocking submit of one persist (records as one
 * atomic unit) whose durability is reported later through the {@link GroupCommitter.Callbacks}
 * given at construction. Production: {@link WalDurability}; tests may use an in-memory fake.
 */
public interface Durability extends AutoCloseable {

    /** Queues one persist; {@code seq} increases by one per call. Never blocks on I/O. */
    void submit(long seq, List<WriteAheadLog.Entry> entries);

    /** Makes what was submitted durable (unless storage failed), then releases the storage. */
    @Override
    void close();
}
