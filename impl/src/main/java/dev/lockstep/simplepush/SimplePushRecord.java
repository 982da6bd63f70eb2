package dev.lockstep.simplepush;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.DurableRecord;
import java.util.Objects;

/**
 * SimplePush's durable records: the spec's {@code log[i]} as a sequence of changes. Replaying a
 * replica's persisted records ({@code Recover}) rebuilds its log length and state machine.
 */
public sealed interface SimplePushRecord extends DurableRecord {

    /** The entry at log position {@code position}, come from {@code origin} (the client's replica or the pusher). */
    record Append(long position, ClientEntry entry, NodeId origin) implements SimplePushRecord {
        public Append {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** The state machine after executing positions {@code 1..position}: earlier records may go. */
    record Checkpoint(long position, Bytes snapshot) implements SimplePushRecord {
        public Checkpoint {
            Objects.requireNonNull(snapshot, "snapshot");
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }
    }
}
