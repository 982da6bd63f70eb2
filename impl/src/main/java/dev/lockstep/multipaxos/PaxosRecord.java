package dev.lockstep.multipaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.DurableRecord;
import java.util.List;
import java.util.Objects;

/**
 * MultiPaxos's durable records: the spec's durable variables {@code promised} and {@code log}
 * as a sequence of changes. Replaying a replica's persisted records in order ({@code Recover})
 * rebuilds exactly its durable state.
 */
public sealed interface PaxosRecord extends DurableRecord {

    /** {@code promised} after it rose. */
    record Promise(long ballot) implements PaxosRecord {}

    /**
     * Values written at slots {@code firstSlot, firstSlot + 1, ...} (each with its own ballot),
     * replacing what was there; slots between the old end of the log and {@code firstSlot} become
     * holes.
     */
    record Accepted(long firstSlot, List<PaxosEntry> entries) implements PaxosRecord {
        public Accepted {
            entries = List.copyOf(entries);
        }
    }

    /**
     * The whole durable state: the promise, the state-machine snapshot covering slots
     * {@code 1..snapshotSlot} (whose last slot was accepted in {@code snapshotBal}), and the log
     * after it, holes included.
     */
    record Checkpoint(long promised, long snapshotSlot, long snapshotBal, Bytes snapshot, List<PaxosEntry> entries)
            implements PaxosRecord {
        public Checkpoint {
            Objects.requireNonNull(snapshot, "snapshot");
            entries = List.copyOf(entries);
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }
    }
}
