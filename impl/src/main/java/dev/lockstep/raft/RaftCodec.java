package dev.lockstep.raft;

import dev.lockstep.common.erasure.Shard;
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
import dev.lockstep.raft.RaftMessage.FetchShardsRequest;
import dev.lockstep.raft.RaftMessage.FetchShardsResponse;
import dev.lockstep.raft.RaftMessage.IndexedEntry;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import dev.lockstep.raft.RaftMessage.ReconstructRequest;
import dev.lockstep.raft.RaftMessage.ReconstructResponse;
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
    private static final int RECONSTRUCT_REQUEST = 10;
    private static final int RECONSTRUCT_RESPONSE = 11;
    private static final int FETCH_SHARDS_REQUEST = 12;
    private static final int FETCH_SHARDS_RESPONSE = 13;

    private static final int NOOP = 0;
    private static final int CMD = 1;
    private static final int CODED_NOOP = 2;
    private static final int CODED_CMD = 3;

    private static final int HARD_STATE = 1;
    private static final int LOG_APPEND = 2;
    private static final int LOG_TRUNCATE = 3;
    private static final int CHECKPOINT = 4;

    private RaftCodec() {}

    /** CRaft's messages, apart so that {@link #encodeMessage} stays short; false if not one. */
    private static boolean writeCRaft(Wire.Writer w, Message message) {
        if (message instanceof ReconstructRequest m) {
            w.u8(RECONSTRUCT_REQUEST);
            longs(w, m.term(), m.firstIndex());
            w.uvar(m.terms().size());
            m.terms().forEach(w::uvar);
        } else if (message instanceof ReconstructResponse m) {
            w.u8(RECONSTRUCT_RESPONSE);
            w.uvar(m.term());
            writeIndexed(w, m.entries());
            longs(w, m.snapshotIndex(), m.snapshotTerm());
            w.bytes(m.data());
        } else if (message instanceof FetchShardsRequest m) {
            w.u8(FETCH_SHARDS_REQUEST);
            longs(w, m.term(), m.firstIndex(), m.count());
        } else if (message instanceof FetchShardsResponse m) {
            w.u8(FETCH_SHARDS_RESPONSE);
            w.uvar(m.term());
            writeIndexed(w, m.entries());
            longs(w, m.snapshotIndex(), m.snapshotTerm());
            w.bytes(m.data());
        } else {
            return false;
        }
        return true;
    }

    private static void writeIndexed(Wire.Writer w, List<IndexedEntry> entries) {
        w.uvar(entries.size());
        for (IndexedEntry e : entries) {
            w.uvar(e.index());
            writeEntries(w, List.of(e.entry()));
        }
    }

    private static List<IndexedEntry> readIndexed(Wire.Reader r) throws CodecException {
        int n = r.count();
        List<IndexedEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long index = r.uvar();
            List<LogEntry> one = readEntries(r);
            if (one.size() != 1) {
                throw new CodecException("an indexed entry holds " + one.size() + " entries");
            }
            entries.add(new IndexedEntry(index, one.get(0)));
        }
        return entries;
    }

    private static Message readCRaft(int tag, Wire.Reader r) throws CodecException {
        return switch (tag) {
            case RECONSTRUCT_REQUEST -> {
                long term = r.uvar();
                long first = r.uvar();
                int n = r.count();
                List<Long> terms = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    terms.add(r.uvar());
                }
                yield new ReconstructRequest(term, first, terms);
            }
            case RECONSTRUCT_RESPONSE -> new ReconstructResponse(r.uvar(), readIndexed(r), r.uvar(), r.uvar(), r.bytes());
            case FETCH_SHARDS_REQUEST -> new FetchShardsRequest(r.uvar(), r.uvar(), count(r.uvar()));
            case FETCH_SHARDS_RESPONSE -> new FetchShardsResponse(r.uvar(), readIndexed(r), r.uvar(), r.uvar(), r.bytes());
            default -> throw new CodecException("unknown Raft message tag " + tag);
        };
    }

    private static int count(long n) throws CodecException {
        if (n < 1 || n > 1_000_000) {
            throw new CodecException("entry count " + n + " outside 1..1000000");
        }
        return (int) n;
    }

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
            longs(w, m.matchIndex(), m.conflictIndex(), m.conflictTerm(), m.fullMatch());
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
        } else if (!writeCRaft(w, message)) {
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
            case APPEND_RESPONSE -> m = new AppendEntriesResponse(r.uvar(), r.bool(), r.uvar(), r.uvar(), r.uvar(), r.uvar());
            case SNAPSHOT_REQUEST -> m = new InstallSnapshotRequest(r.uvar(), r.uvar(), r.uvar(), r.uvar(), r.bytes());
            case HEARTBEAT_REQUEST -> m = new HeartbeatRequest(r.uvar(), r.uvar(), r.uvar());
            case HEARTBEAT_RESPONSE -> m = new HeartbeatResponse(r.uvar(), r.uvar());
            default -> m = readCRaft(tag, r);
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
            size += 32 + (e.isCoded() ? 16 + e.shard().bytes().length() : CommandCodec.sizeHint(e.command()));
        }
        return size;
    }

    private static void writeEntries(Wire.Writer w, List<LogEntry> entries) {
        w.uvar(entries.size());
        for (LogEntry e : entries) {
            w.uvar(e.term());
            writeValue(w, e);
        }
    }

    /** An entry without its term: kind, request id, then the command or the shard. */
    private static void writeValue(Wire.Writer w, LogEntry e) {
        w.u8(e.isCoded() ? (e.isNoop() ? CODED_NOOP : CODED_CMD) : e.isNoop() ? NOOP : CMD);
        if (!e.isNoop()) {
            w.svar(e.id().client());
            w.svar(e.id().seq());
        }
        if (e.isCoded()) {
            w.u8(e.shard().index());
            w.svar(e.shard().digest());
            w.bytes(e.shard().bytes());
        } else if (!e.isNoop()) {
            CommandCodec.write(w, e.command());
        }
    }

    /** The bytes CRaft codes into shards: a full entry's value, its term left out. */
    static byte[] valueBytes(LogEntry full) {
        if (full.isCoded()) {
            throw new IllegalArgumentException("only a full value is coded, got " + full);
        }
        Wire.Writer w = new Wire.Writer(32 + (full.isNoop() ? 0 : CommandCodec.sizeHint(full.command())));
        writeValue(w, full);
        return w.toByteArray();
    }

    /** The full entry of term {@code term} whose {@link #valueBytes} these are. */
    static LogEntry valueOf(byte[] bytes, long term) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        LogEntry e = readValue(r, term);
        if (e.isCoded()) {
            throw new CodecException("a coded value holds a shard");
        }
        r.expectEnd();
        return e;
    }

    private static LogEntry readValue(Wire.Reader r, long term) throws CodecException {
        int kind = r.u8();
        if (kind < NOOP || kind > CODED_CMD) {
            throw new CodecException("unknown log entry kind " + kind);
        }
        RequestId id = kind == NOOP || kind == CODED_NOOP ? null : new RequestId(r.svar(), r.svar());
        if (kind == CODED_NOOP || kind == CODED_CMD) {
            return LogEntry.coded(term, id, new Shard(r.u8(), r.svar(), r.bytes()));
        }
        return id == null ? LogEntry.noop(term) : new LogEntry(term, id, CommandCodec.read(r));
    }

    private static List<LogEntry> readEntries(Wire.Reader r) throws CodecException {
        int n = r.count();
        List<LogEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long term = r.uvar();
            if (term < 1) {
                throw new CodecException("log entry with term " + term);
            }
            entries.add(readValue(r, term));
        }
        return entries;
    }
}
