package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import java.util.List;
import java.util.Objects;

/**
 * Raft's durable records: the spec's durable variables {@code currentTerm}, {@code votedFor}
 * and {@code log} as a sequence of changes. Replaying a replica's persisted records in order
 * ({@code Recover}) rebuilds exactly its durable state.
 */
public sealed interface RaftRecord extends DurableRecord {

    /** {@code currentTerm} and {@code votedFor} (null = Nil) after a change of either. */
    record HardState(long term, NodeId votedFor) implements RaftRecord {}

    /** Entries appended at {@code firstIndex, firstIndex + 1, ...}; any entries from there on are replaced. */
    record LogAppend(long firstIndex, List<LogEntry> entries) implements RaftRecord {
        public LogAppend {
            entries = List.copyOf(entries);
        }
    }

    /** Every entry at index {@code >= fromIndex} was removed (a follower repairing its log). */
    record LogTruncate(long fromIndex) implements RaftRecord {}

    /**
     * The whole durable state: term, vote, the state-machine snapshot covering the log up to
     * {@code snapshotIndex} (Raft §7), and the log suffix after it. {@code snapshotTermStart} is
     * the first index of {@code snapshotTerm} in the log.
     */
    record Checkpoint(
            long term,
            NodeId votedFor,
            long snapshotIndex,
            long snapshotTerm,
            long snapshotTermStart,
            Bytes snapshot,
            List<LogEntry> entries)
            implements RaftRecord {
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
