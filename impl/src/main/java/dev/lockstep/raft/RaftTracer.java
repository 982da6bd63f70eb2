package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.common.TraceLine;
import dev.lockstep.common.Tracer;
import dev.lockstep.core.Effect;
import dev.lockstep.kv.RequestId;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.FetchShardsRequest;
import dev.lockstep.raft.RaftMessage.FetchShardsResponse;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.IndexedEntry;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import dev.lockstep.raft.RaftMessage.ReconstructRequest;
import dev.lockstep.raft.RaftMessage.ReconstructResponse;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Effect.Trace} lines of the contract's "Trace lines" section: {@code node},
 * {@code msg} (received message), {@code params}, {@code sent} (messages the action sent) and
 * {@code state} (post-values: currentTerm, votedFor, role, commitIndex, logLen, logLastTerm).
 * Extra state: {@code votesGranted} for Timeout, HandleRequestPreVoteResponse, BecomeCandidate,
 * HandleRequestVoteResponse, UpdateTerm and Restart; {@code matchIndex} (of the sender) for
 * HandleAppendEntriesResponse; {@code pendingReads} for ClientRead, HandleHeartbeatResponse and
 * ServeRead. Numbers are {@link Long}. When tracing is off every method returns at once, so
 * nothing is built.
 */
final class RaftTracer extends Tracer<RaftMessage> {
    private final RaftContext ctx;

    RaftTracer(RaftContext ctx, boolean on) {
        super(ctx.out, ctx.self, on);
        this.ctx = ctx;
    }

    void receivedVotes(String action, NodeId from, RaftMessage m, int mark) {
        if (on()) {
            emit(action, from, m, null, mark, "votesGranted", votes());
        }
    }

    void receivedReads(String action, NodeId from, RaftMessage m, int mark) {
        if (on()) {
            emit(action, from, m, null, mark, "pendingReads", ctx.reads.pendingIds());
        }
    }

    void appendResponse(NodeId from, AppendEntriesResponse m, int pos, int mark) {
        if (on()) {
            emit("HandleAppendEntriesResponse", from, m, null, mark, "matchIndex", ctx.state.matchIndex[pos]);
        }
    }

    void localVotes(String action, int mark) {
        if (on()) {
            emit(action, null, null, null, mark, "votesGranted", votes());
        }
    }

    void appendEntries(NodeId peer, long prevLogIndex, int count, int mark) {
        if (on()) {
            emit("AppendEntries", null, null,
                    params("peer", peer.toString(), "prevLogIndex", prevLogIndex, "count", (long) count), mark, null, null);
        }
    }

    void installSnapshot(NodeId peer, long lastIndex, int mark) {
        if (on()) {
            emit("InstallSnapshot", null, null, params("peer", peer.toString(), "lastIndex", lastIndex), mark, null, null);
        }
    }

    void clientRequest(RequestId id, int mark) {
        if (on()) {
            emit("ClientRequest", null, null, params("id", id.toString()), mark, null, null);
        }
    }

    /** CRaft's {@code SwitchMode(i, to)}: {@code mode} (the spec's {@code to}) is "full" or "shard". */
    void switchMode(boolean toFull, int mark) {
        if (on()) {
            emit("SwitchMode", null, null, TraceLine.params("mode", toFull ? "full" : "shard"), mark, null);
        }
    }

    /** CRaft's trace-level lines {@code Compact} and {@code InstallCommitted}: the snapshot's index. */
    void snapshotAt(String action, long index, int mark) {
        if (on()) {
            emit(action, null, null, params("index", index), mark, null, null);
        }
    }

    void advanceCommitIndex(long n, int mark) {
        if (on()) {
            emit("AdvanceCommitIndex", null, null, params("n", n), mark, null, null);
        }
    }

    void clientRead(long readId, int mark) {
        if (on()) {
            emit("ClientRead", null, null, params("readId", readId), mark, "pendingReads", ctx.reads.pendingIds());
        }
    }

    void serveRead(long readId, int mark) {
        if (on()) {
            emit("ServeRead", null, null, params("readId", readId), mark, "pendingReads", ctx.reads.pendingIds());
        }
    }

    private void emit(String action, NodeId from, RaftMessage received, Map<String, Object> params, int mark,
            String extraKey, Object extraValue) {
        emit(action, from, received, params, mark, extraKey == null ? null : Map.of(extraKey, extraValue));
    }

    @Override
    protected Map<String, Object> messageFields(NodeId from, NodeId to, RaftMessage m) {
        return fields(from, to, m);
    }

    @Override
    protected Map<String, Object> stateFields() {
        RaftState st = ctx.state;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("currentTerm", st.currentTerm);
        state.put("votedFor", st.votedFor == null ? "" : st.votedFor.toString());
        state.put("role", roleName(st.role));
        state.put("commitIndex", st.commitIndex);
        state.put("logLen", st.log.lastIndex());
        state.put("logLastTerm", st.log.lastTerm());
        return state;
    }

    private List<String> votes() {
        return ctx.members.namesIn(ctx.state.votesGranted);
    }

    private static Map<String, Object> params(Object... namesAndValues) {
        return TraceLine.params(namesAndValues);
    }

    /** The spec's name of a role ({@code state[i]}). */
    static String roleName(Role role) {
        return switch (role) {
            case FOLLOWER -> "Follower";
            case PRE_CANDIDATE -> "PreCandidate";
            case CANDIDATE -> "Candidate";
            case LEADER -> "Leader";
        };
    }

    /**
     * A message as the contract's JSON-shaped map: {@code type, from, to, term} and the type's
     * fields (entries as {@code {term, kind, id}}). Public so that a simulator can log the
     * network actions ({@code DuplicateMessage}, {@code DropMessage}) in the same shape.
     */
    public static Map<String, Object> fields(NodeId from, NodeId to, RaftMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", m.type());
        f.put("from", from.toString());
        f.put("to", to.toString());
        f.put("term", m.term());
        if (m instanceof RequestPreVoteRequest r) {
            f.put("lastLogIndex", r.lastLogIndex());
            f.put("lastLogTerm", r.lastLogTerm());
        } else if (m instanceof RequestVoteRequest r) {
            f.put("lastLogIndex", r.lastLogIndex());
            f.put("lastLogTerm", r.lastLogTerm());
        } else if (m instanceof RequestPreVoteResponse r) {
            f.put("granted", r.granted());
        } else if (m instanceof RequestVoteResponse r) {
            f.put("granted", r.granted());
        } else if (m instanceof AppendEntriesRequest r) {
            f.put("prevLogIndex", r.prevLogIndex());
            f.put("prevLogTerm", r.prevLogTerm());
            f.put("entries", entries(r.entries()));
            f.put("commit", r.commit());
        } else if (m instanceof AppendEntriesResponse r) {
            f.put("success", r.success());
            f.put("matchIndex", r.matchIndex());
            f.put("conflictIndex", r.conflictIndex());
            f.put("conflictTerm", r.conflictTerm());
            if (r.fullMatch() != 0) {
                f.put("fullMatch", r.fullMatch()); // CRaft only
            }
        } else if (m instanceof InstallSnapshotRequest r) {
            f.put("lastIndex", r.lastIndex());
            f.put("lastTerm", r.lastTerm());
        } else if (m instanceof HeartbeatRequest r) {
            f.put("commit", r.commit());
            f.put("readId", r.readId());
        } else if (m instanceof HeartbeatResponse r) {
            f.put("readId", r.readId());
        } else if (m instanceof ReconstructRequest r) {
            f.put("firstIndex", r.firstIndex());
            f.put("terms", List.copyOf(r.terms()));
        } else if (m instanceof ReconstructResponse r) {
            f.put("entries", indexedEntries(r.entries()));
            f.put("snapshotIndex", r.snapshotIndex());
        } else if (m instanceof FetchShardsRequest r) {
            f.put("firstIndex", r.firstIndex());
            f.put("count", (long) r.count());
        } else if (m instanceof FetchShardsResponse r) {
            f.put("entries", indexedEntries(r.entries()));
            f.put("snapshotIndex", r.snapshotIndex());
        }
        return Collections.unmodifiableMap(f);
    }

    private static List<Object> entries(List<LogEntry> entries) {
        List<Object> list = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            list.add(Collections.unmodifiableMap(entry(e, new LinkedHashMap<>())));
        }
        return Collections.unmodifiableList(list);
    }

    private static List<Object> indexedEntries(List<IndexedEntry> entries) {
        List<Object> list = new ArrayList<>(entries.size());
        for (IndexedEntry ie : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", ie.index());
            list.add(Collections.unmodifiableMap(entry(ie.entry(), entry)));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * {@code term, kind, id}, and for a CRaft shard {@code shard}: its number, 1-based (shard
     * number k belongs to node {@code nk}, the node at position k - 1 of the membership).
     */
    private static Map<String, Object> entry(LogEntry e, Map<String, Object> into) {
        into.put("term", e.term());
        into.put("kind", e.kind());
        into.put("id", e.idText());
        if (e.isCoded()) {
            into.put("shard", (long) e.shard().index() + 1);
        }
        return into;
    }
}
