package dev.lockstep.repnothing;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.DurableRecord;
import java.util.Objects;

/**
 * RepNothing's durable records: the spec's {@code disk} as a sequence of changes. Replaying a
 * replica's persisted records in order ({@code Recover}) rebuilds its log and state machine.
 */
public sealed interface RepNothingRecord extends DurableRecord {

    /** The entry at log position {@code position} (one more than the last). */
    record Append(long position, ClientEntry entry) implements RepNothingRecord {
        public Append {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * The state machine after executing positions {@code 1..position} (a KV snapshot whose
     * coverage is that slot): every record before it may be dropped.
     */
    record Checkpoint(long position, Bytes snapshot) implements RepNothingRecord {
        public Checkpoint {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }
    }
}
