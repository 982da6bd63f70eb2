package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Message;
import java.util.List;
import java.util.Objects;

/**
 * Raft's messages, one record per message type of docs/protocols/raft-contract.md, with the
 * contract's field names. Sender and receiver are not fields: the transport knows them
 * ({@code Send.to}, {@code Receive.from}), and the trace adds them.
 */
public sealed interface RaftMessage extends Message {

    /** The contract's {@code type} field: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** PreVote (thesis §9.6): {@code term} is the sender's {@code currentTerm + 1}. */
    record RequestPreVoteRequest(long term, long lastLogIndex, long lastLogTerm) implements RaftMessage {}

    /** {@code term} is the request's term when granted, else the voter's current term. */
    record RequestPreVoteResponse(long term, boolean granted) implements RaftMessage {}

    /** RequestVote RPC (Raft Figure 2). */
    record RequestVoteRequest(long term, long lastLogIndex, long lastLogTerm) implements RaftMessage {}

    record RequestVoteResponse(long term, boolean granted) implements RaftMessage {}

    /** AppendEntries RPC (Raft Figure 2); {@code commit = min(leader commit, prevLogIndex + n)}. */
    record AppendEntriesRequest(long term, long prevLogIndex, long prevLogTerm, List<LogEntry> entries, long commit)
            implements RaftMessage {
        public AppendEntriesRequest {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Answer to an AppendEntries or InstallSnapshot request. On failure {@code conflictIndex} and
     * {@code conflictTerm} are the fast-backtracking hints (Raft §5.3, last paragraphs); unused
     * numbers are 0.
     */
    record AppendEntriesResponse(long term, boolean success, long matchIndex, long conflictIndex, long conflictTerm,
            long fullMatch) implements RaftMessage {

        /** Raft's answer (no {@code fullMatch}). */
        public AppendEntriesResponse(long term, boolean success, long matchIndex, long conflictIndex, long conflictTerm) {
            this(term, success, matchIndex, conflictIndex, conflictTerm, 0);
        }
    }

    /**
     * InstallSnapshot RPC (Raft §7). Beyond the contract's {@code lastIndex}/{@code lastTerm}
     * it carries what the follower needs to become the leader's prefix: the state-machine
     * snapshot and {@code lastTermStart}, the first index of {@code lastTerm} in the leader's log
     * (so the follower's later fast-backtracking hints stay exact). Neither is traced.
     */
    record InstallSnapshotRequest(long term, long lastIndex, long lastTerm, long lastTermStart, Bytes data)
            implements RaftMessage {
        public InstallSnapshotRequest {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Leader heartbeat: {@code commit = min(matchIndex[to], commitIndex)}, the highest read id. */
    record HeartbeatRequest(long term, long commit, long readId) implements RaftMessage {}

    record HeartbeatResponse(long term, long readId) implements RaftMessage {}

    /**
     * CRaft: a new leader asks for the shards of its entries {@code firstIndex, firstIndex + 1, ...}
     * whose terms are {@code terms} (CRaft.tla {@code ReconstructRequest}).
     */
    record ReconstructRequest(long term, long firstIndex, List<Long> terms) implements RaftMessage {
        public ReconstructRequest {
            terms = List.copyOf(terms);
        }
    }

    /**
     * CRaft: the entries the responder holds of those asked (same index and term), in any form;
     * when it compacted some of them, its snapshot ({@code snapshotIndex > 0}), which covers them.
     */
    record ReconstructResponse(long term, List<IndexedEntry> entries, long snapshotIndex, long snapshotTerm,
            Bytes data) implements RaftMessage {
        public ReconstructResponse {
            entries = List.copyOf(entries);
            Objects.requireNonNull(data, "data");
        }
    }

    /** CRaft: a replica asks for the shards of committed entries it must execute. */
    record FetchShardsRequest(long term, long firstIndex, int count) implements RaftMessage {}

    /**
     * CRaft: the entries the responder holds of those asked; when it compacted some of them, its
     * snapshot ({@code snapshotIndex > 0}), so the asker can skip to it.
     */
    record FetchShardsResponse(long term, List<IndexedEntry> entries, long snapshotIndex, long snapshotTerm,
            Bytes data) implements RaftMessage {
        public FetchShardsResponse {
            entries = List.copyOf(entries);
            Objects.requireNonNull(data, "data");
        }
    }

    /** A log entry with its index. */
    record IndexedEntry(long index, LogEntry entry) {
        public IndexedEntry {
            Objects.requireNonNull(entry, "entry");
        }
    }
}
