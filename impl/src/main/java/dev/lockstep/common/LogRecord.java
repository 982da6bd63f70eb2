package dev.lockstep.common;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import java.util.Objects;

/**
 * The durable records of an {@link ExecutedLog} (RepNothing, SimplePush): the log as a sequence
 * of appends, compacted by checkpoints. Replaying a replica's persisted records in order
 * ({@link ExecutedLog#recover}) rebuilds its log length and state machine; their bytes are
 * {@link LogRecordCodec}'s.
 */
public sealed interface LogRecord extends DurableRecord {

    /**
     * The entry at log position {@code position} (one past the last), come from {@code origin}:
     * the replica a client wrote to, or the peer that pushed it.
     */
    record Append(long position, ClientEntry entry, NodeId origin) implements LogRecord {
        public Append {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * The state machine after executing positions {@code 1..position} (a KV snapshot whose
     * coverage is that slot): every record before it may be dropped.
     */
    record Checkpoint(long position, Bytes snapshot) implements LogRecord {
        public Checkpoint {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }
    }
}
