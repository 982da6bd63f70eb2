package dev.lockstep.raft;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.base.Wire;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.CommandCodec;
import dev.lockstep.kv.RequestId;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;
import dev.lockstep.raft.RaftRecord.Checkpoint;
import dev.lockstep.raft.RaftRecord.HardState;
import dev.lockstep.raft.RaftRecord.LogAppend;
import dev.lockstep.raft.RaftRecord.LogTruncate;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of Raft's messages (peer transport) and records (write-ahead log): a
 * tag byte, then the fields in declaration order as varints (see {@link Wire}). Decoding checks
 * tags, lengths, booleans and trailing bytes and throws {@link CodecException} on anything
 * malformed.
 */
public final class RaftCodec implements ProtocolCodec {
    public static final RaftCodec INSTANCE = new RaftCodec();

    private static final int PRE_VOTE_REQUEST = 1;
    private static final int PRE_VOTE_RESPONSE = 2;
    private static final int VOTE_REQUEST = 3;
    private static final int VOTE_RESPONSE = 4;
    private static final int APPEND_REQUEST = 5;
    private static final int APPEND_RESPONSE = 6;
    private static final int SNAPSHOT_REQUEST = 7;
    private static final int HEARTBEAT_REQUEST = 8;
    private static final int HEARTBEAT_RESPONSE = 9;

    private static final int HARD_STATE = 1;
    private static final int LOG_APPEND = 2;
    private static final int LOG_TRUNCATE = 3;
    private static final int CHECKPOINT = 4;

    private RaftCodec() {}

    @Override
    public byte[] encodeMessage(Message message) {
        Wire.Writer w = new Wire.Writer(message instanceof AppendEntriesRequest m ? 48 + sizeHint(m.entries())
                : message instanceof InstallSnapshotRequest m ? 64 + m.data().length() : 32);
        if (message instanceof RequestPreVoteRequest m) {
            w.u8(PRE_VOTE_REQUEST);
            longs(w, m.term(), m.lastLogIndex(), m.lastLogTerm());
        } else if (message instanceof RequestPreVoteResponse m) {
            w.u8(PRE_VOTE_RESPONSE);
            w.uvar(m.term());
            w.bool(m.granted());
        } else if (message instanceof RequestVoteRequest m) {
            w.u8(VOTE_REQUEST);
            longs(w, m.term(), m.lastLogIndex(), m.lastLogTerm());
        } else if (message instanceof RequestVoteResponse m) {
            w.u8(VOTE_RESPONSE);
            w.uvar(m.term());
            w.bool(m.granted());
        } else if (message instanceof AppendEntriesRequest m) {
            w.u8(APPEND_REQUEST);
            longs(w, m.term(), m.prevLogIndex(), m.prevLogTerm(), m.commit());
            writeEntries(w, m.entries());
        } else if (message instanceof AppendEntriesResponse m) {
            w.u8(APPEND_RESPONSE);
            w.uvar(m.term());
            w.bool(m.success());
            longs(w, m.matchIndex(), m.conflictIndex(), m.conflictTerm());
        } else if (message instanceof InstallSnapshotRequest m) {
            w.u8(SNAPSHOT_REQUEST);
            longs(w, m.term(), m.lastIndex(), m.lastTerm(), m.lastTermStart());
            w.bytes(m.data());
        } else if (message instanceof HeartbeatRequest m) {
            w.u8(HEARTBEAT_REQUEST);
            longs(w, m.term(), m.commit(), m.readId());
        } else if (message instanceof HeartbeatResponse m) {
            w.u8(HEARTBEAT_RESPONSE);
            longs(w, m.term(), m.readId());
        } else {
            throw new IllegalArgumentException("not a Raft message: " + message);
        }
        return w.toByteArray();
    }

    @Override
    public Message decodeMessage(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        Message m;
        switch (tag) {
            case PRE_VOTE_REQUEST -> m = new RequestPreVoteRequest(r.uvar(), r.uvar(), r.uvar());
            case PRE_VOTE_RESPONSE -> m = new RequestPreVoteResponse(r.uvar(), r.bool());
            case VOTE_REQUEST -> m = new RequestVoteRequest(r.uvar(), r.uvar(), r.uvar());
            case VOTE_RESPONSE -> m = new RequestVoteResponse(r.uvar(), r.bool());
            case APPEND_REQUEST -> m = readAppendRequest(r);
            case APPEND_RESPONSE -> m = new AppendEntriesResponse(r.uvar(), r.bool(), r.uvar(), r.uvar(), r.uvar());
            case SNAPSHOT_REQUEST -> m = new InstallSnapshotRequest(r.uvar(), r.uvar(), r.uvar(), r.uvar(), r.bytes());
            case HEARTBEAT_REQUEST -> m = new HeartbeatRequest(r.uvar(), r.uvar(), r.uvar());
            case HEARTBEAT_RESPONSE -> m = new HeartbeatResponse(r.uvar(), r.uvar());
            default -> throw new CodecException("unknown Raft message tag " + tag);
        }
        r.expectEnd();
        return m;
    }

    private static AppendEntriesRequest readAppendRequest(Wire.Reader r) throws CodecException {
        long term = r.uvar();
        long prevLogIndex = r.uvar();
        long prevLogTerm = r.uvar();
        long commit = r.uvar();
        return new AppendEntriesRequest(term, prevLogIndex, prevLogTerm, readEntries(r), commit);
    }

    @Override
    public byte[] encodeRecord(DurableRecord record) {
        Wire.Writer w = new Wire.Writer(record instanceof LogAppend a ? 16 + sizeHint(a.entries())
                : record instanceof Checkpoint c ? 64 + c.snapshot().length() + sizeHint(c.entries()) : 32);
        if (record instanceof HardState h) {
            w.u8(HARD_STATE);
            w.uvar(h.term());
            writeNode(w, h.votedFor());
        } else if (record instanceof LogAppend a) {
            w.u8(LOG_APPEND);
            w.uvar(a.firstIndex());
            writeEntries(w, a.entries());
        } else if (record instanceof LogTruncate t) {
            w.u8(LOG_TRUNCATE);
            w.uvar(t.fromIndex());
        } else if (record instanceof Checkpoint c) {
            w.u8(CHECKPOINT);
            w.uvar(c.term());
            writeNode(w, c.votedFor());
            longs(w, c.snapshotIndex(), c.snapshotTerm(), c.snapshotTermStart());
            w.bytes(c.snapshot());
            writeEntries(w, c.entries());
        } else {
            throw new IllegalArgumentException("not a Raft record: " + record);
        }
        return w.toByteArray();
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        DurableRecord record;
        switch (tag) {
            case HARD_STATE -> record = new HardState(r.uvar(), readNode(r));
            case LOG_APPEND -> record = new LogAppend(r.uvar(), readEntries(r));
            case LOG_TRUNCATE -> record = new LogTruncate(r.uvar());
            case CHECKPOINT -> record = new Checkpoint(r.uvar(), readNode(r), r.uvar(), r.uvar(), r.uvar(), r.bytes(),
                    readEntries(r));
            default -> throw new CodecException("unknown Raft record tag " + tag);
        }
        r.expectEnd();
        return record;
    }

    private static void longs(Wire.Writer w, long... values) {
        for (long v : values) {
            w.uvar(v);
        }
    }

    private static void writeNode(Wire.Writer w, NodeId node) {
        w.uvar(node == null ? 0 : node.value());
    }

    private static NodeId readNode(Wire.Reader r) throws CodecException {
        long value = r.uvar();
        if (value > Integer.MAX_VALUE) {
            throw new CodecException("node id out of range: " + value);
        }
        return value == 0 ? null : NodeId.of((int) value);
    }

    /** An upper estimate of {@link #writeEntries}'s output. */
    private static int sizeHint(List<LogEntry> entries) {
        int size = 8;
        for (LogEntry e : entries) {
            size += 32 + CommandCodec.sizeHint(e.command());
        }
        return size;
    }

    private static void writeEntries(Wire.Writer w, List<LogEntry> entries) {
        w.uvar(entries.size());
        for (LogEntry e : entries) {
            w.uvar(e.term());
            if (e.isNoop()) {
                w.u8(0);
            } else {
                w.u8(1);
                w.svar(e.id().client());
                w.svar(e.id().seq());
                CommandCodec.write(w, e.command());
            }
        }
    }

    private static List<LogEntry> readEntries(Wire.Reader r) throws CodecException {
        int n = r.count();
        List<LogEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long term = r.uvar();
            if (term < 1) {
                throw new CodecException("log entry with term " + term);
            }
            int kind = r.u8();
            if (kind == 0) {
                entries.add(LogEntry.noop(term));
            } else if (kind == 1) {
                RequestId id = new RequestId(r.svar(), r.svar());
                entries.add(new LogEntry(term, id, CommandCodec.read(r)));
            } else {
                throw new CodecException("unknown log entry kind " + kind);
            }
        }
        return entries;
    }
}
