package dev.lockstep.multipaxos;

import dev.lockstep.common.erasure.Shard;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandCodec;
import dev.lockstep.kv.RequestId;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructRequest;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructResponse;
import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
import dev.lockstep.multipaxos.PaxosRecord.Accepted;
import dev.lockstep.multipaxos.PaxosRecord.Checkpoint;
import dev.lockstep.multipaxos.PaxosRecord.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of MultiPaxos's messages (peer transport) and records (write-ahead
 * log): a tag byte, then the fields in declaration order as varints (see {@link Wire}). An entry
 * is a kind byte (0 hole, 1 noop, 2 command), its ballot (omitted in an accept request, whose
 * entries carry the request's ballot), and for a command its request id and
 * {@link CommandCodec} form. Decoding checks tags, kinds, lengths, booleans, ballots and trailing
 * bytes and throws {@link CodecException} on anything malformed.
 */
public final class PaxosCodec implements ProtocolCodec {
    public static final PaxosCodec INSTANCE = new PaxosCodec();

    private static final int PREPARE_REQUEST = 1;
    private static final int PREPARE_RESPONSE = 2;
    private static final int ACCEPT_REQUEST = 3;
    private static final int ACCEPT_RESPONSE = 4;
    private static final int CATCH_UP_REQUEST = 5;
    private static final int SNAPSHOT_REQUEST = 6;
    private static final int RECONSTRUCT_REQUEST = 7;
    private static final int RECONSTRUCT_RESPONSE = 8;
    private static final int PRE_PREPARE_REQUEST = 9;
    private static final int PRE_PREPARE_RESPONSE = 10;

    private static final int PROMISE = 1;
    private static final int ACCEPTED = 2;
    private static final int CHECKPOINT = 3;

    private static final int HOLE = 0;
    private static final int NOOP = 1;
    private static final int CMD = 2;
    private static final int CODED_NOOP = 3;
    private static final int CODED_CMD = 4;

    private PaxosCodec() {}

    @Override
    public byte[] encodeMessage(Message message) {
        Wire.Writer w = new Wire.Writer(message instanceof AcceptRequest m ? 48 + sizeHint(m.entries())
                : message instanceof CatchUpRequest m ? 32 + sizeHint(m.entries())
                : message instanceof ReconstructResponse m ? 32 + sizeHint(m.entries())
                : message instanceof InstallSnapshotRequest m ? 48 + m.data().length() : 32);
        if (message instanceof PrepareRequest m) {
            w.u8(PREPARE_REQUEST);
            w.uvar(m.ballot());
            w.uvar(m.commit());
        } else if (message instanceof PrepareResponse m) {
            w.u8(PREPARE_RESPONSE);
            w.uvar(m.ballot());
            w.bool(m.ok());
            w.uvar(m.commit());
            w.uvar(m.entries().size());
            for (SlotEntry e : m.entries()) {
                w.uvar(e.slot());
                writeEntry(w, e.entry(), true);
            }
        } else if (message instanceof AcceptRequest m) {
            w.u8(ACCEPT_REQUEST);
            w.uvar(m.ballot());
            w.uvar(m.slot());
            writeEntries(w, m.entries(), false);
            w.uvar(m.commit());
        } else if (message instanceof AcceptResponse m) {
            w.u8(ACCEPT_RESPONSE);
            w.uvar(m.ballot());
            w.bool(m.ok());
            w.uvar(m.slot());
            w.uvar(m.count());
            w.uvar(m.commit());
        } else if (message instanceof CatchUpRequest m) {
            w.u8(CATCH_UP_REQUEST);
            w.uvar(m.ballot());
            w.uvar(m.slot());
            writeEntries(w, m.entries(), true);
        } else if (message instanceof InstallSnapshotRequest m) {
            w.u8(SNAPSHOT_REQUEST);
            w.uvar(m.ballot());
            w.uvar(m.lastSlot());
            w.uvar(m.lastBal());
            w.bytes(m.data());
        } else if (message instanceof ReconstructRequest m) {
            w.u8(RECONSTRUCT_REQUEST);
            w.uvar(m.ballot());
            w.uvar(m.slot());
            w.uvar(m.count());
        } else if (message instanceof PrePrepareRequest m) {
            w.u8(PRE_PREPARE_REQUEST);
            w.uvar(m.ballot());
        } else if (message instanceof PrePrepareResponse m) {
            w.u8(PRE_PREPARE_RESPONSE);
            w.uvar(m.ballot());
            w.bool(m.ok());
        } else if (message instanceof ReconstructResponse m) {
            w.u8(RECONSTRUCT_RESPONSE);
            w.uvar(m.ballot());
            w.uvar(m.slot());
            writeEntries(w, m.entries(), true);
        } else {
            throw new IllegalArgumentException("not a MultiPaxos message: " + message);
        }
        return w.toByteArray();
    }

    @Override
    public Message decodeMessage(byte[] bytes) throws CodecException {
        try {
            return readMessage(new Wire.Reader(bytes));
        } catch (IllegalArgumentException e) {
            throw new CodecException("malformed MultiPaxos message: " + e.getMessage());
        }
    }

    private static Message readMessage(Wire.Reader r) throws CodecException {
        int tag = r.u8();
        Message m;
        switch (tag) {
            case PREPARE_REQUEST -> m = new PrepareRequest(r.uvar(), r.uvar());
            case PREPARE_RESPONSE -> m = readPrepareResponse(r);
            case ACCEPT_REQUEST -> m = readAcceptRequest(r);
            case ACCEPT_RESPONSE -> m = new AcceptResponse(r.uvar(), r.bool(), r.uvar(), r.uvar(), r.uvar());
            case CATCH_UP_REQUEST -> m = new CatchUpRequest(r.uvar(), r.uvar(), readEntries(r, 0, false));
            case SNAPSHOT_REQUEST -> m = new InstallSnapshotRequest(r.uvar(), r.uvar(), r.uvar(), r.bytes());
            case RECONSTRUCT_REQUEST -> m = new ReconstructRequest(r.uvar(), r.uvar(), slotCount(r.uvar()));
            case RECONSTRUCT_RESPONSE -> m = new ReconstructResponse(r.uvar(), r.uvar(), readEntries(r, 0, true));
            case PRE_PREPARE_REQUEST -> m = new PrePrepareRequest(r.uvar());
            case PRE_PREPARE_RESPONSE -> m = new PrePrepareResponse(r.uvar(), r.bool());
            default -> throw new CodecException("unknown MultiPaxos message tag " + tag);
        }
        r.expectEnd();
        return m;
    }

    /** A number of slots a request may name (at most a million). */
    private static int slotCount(long n) throws CodecException {
        if (n < 1 || n > 1_000_000) {
            throw new CodecException("slot count " + n + " outside 1..1000000");
        }
        return (int) n;
    }

    private static PrepareResponse readPrepareResponse(Wire.Reader r) throws CodecException {
        long ballot = r.uvar();
        boolean ok = r.bool();
        long commit = r.uvar();
        int n = r.count();
        List<SlotEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            long slot = r.uvar();
            entries.add(new SlotEntry(slot, readEntry(r, 0, false)));
        }
        return new PrepareResponse(ballot, ok, commit, entries);
    }

    private static AcceptRequest readAcceptRequest(Wire.Reader r) throws CodecException {
        long ballot = r.uvar();
        long slot = r.uvar();
        if (ballot < 1) {
            throw new CodecException("accept request without a ballot");
        }
        List<PaxosEntry> entries = readEntries(r, ballot, false);
        return new AcceptRequest(ballot, slot, entries, r.uvar());
    }

    @Override
    public byte[] encodeRecord(DurableRecord record) {
        Wire.Writer w = new Wire.Writer(record instanceof Accepted a ? 16 + sizeHint(a.entries())
                : record instanceof Checkpoint c ? 48 + c.snapshot().length() + sizeHint(c.entries()) : 32);
        if (record instanceof Promise p) {
            w.u8(PROMISE);
            w.uvar(p.ballot());
        } else if (record instanceof Accepted a) {
            w.u8(ACCEPTED);
            w.uvar(a.firstSlot());
            writeEntries(w, a.entries(), true);
        } else if (record instanceof Checkpoint c) {
            w.u8(CHECKPOINT);
            w.uvar(c.promised());
            w.uvar(c.snapshotSlot());
            w.uvar(c.snapshotBal());
            w.bytes(c.snapshot());
            writeEntries(w, c.entries(), true);
        } else {
            throw new IllegalArgumentException("not a MultiPaxos record: " + record);
        }
        return w.toByteArray();
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        try {
            return readRecord(new Wire.Reader(bytes));
        } catch (IllegalArgumentException e) {
            throw new CodecException("malformed MultiPaxos record: " + e.getMessage());
        }
    }

    private static DurableRecord readRecord(Wire.Reader r) throws CodecException {
        int tag = r.u8();
        DurableRecord record;
        switch (tag) {
            case PROMISE -> record = new Promise(r.uvar());
            case ACCEPTED -> record = new Accepted(r.uvar(), readEntries(r, 0, false));
            case CHECKPOINT -> record = new Checkpoint(r.uvar(), r.uvar(), r.uvar(), r.bytes(), readEntries(r, 0, true));
            default -> throw new CodecException("unknown MultiPaxos record tag " + tag);
        }
        r.expectEnd();
        return record;
    }

    /** An upper estimate of {@link #writeEntries}'s output. */
    private static int sizeHint(List<PaxosEntry> entries) {
        int size = 8;
        for (PaxosEntry e : entries) {
            size += 40 + (e.command() != null ? CommandCodec.sizeHint(e.command())
                    : e.shard() != null ? 16 + e.shard().bytes().length() : 0);
        }
        return size;
    }

    private static void writeEntries(Wire.Writer w, List<PaxosEntry> entries, boolean withBal) {
        w.uvar(entries.size());
        for (PaxosEntry e : entries) {
            writeEntry(w, e, withBal);
        }
    }

    private static void writeEntry(Wire.Writer w, PaxosEntry e, boolean withBal) {
        w.u8(e.isNone() ? HOLE : e.isCoded() ? (e.isNoop() ? CODED_NOOP : CODED_CMD) : e.isNoop() ? NOOP : CMD);
        if (e.isNone()) {
            return;
        }
        if (withBal) {
            w.uvar(e.bal());
        }
        writeValue(w, e);
    }

    /** The value of a non-hole entry without its ballot: request id, then the command or the shard. */
    private static void writeValue(Wire.Writer w, PaxosEntry e) {
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

    /** The bytes RSPaxos codes into shards: a full (not coded) entry's value, its ballot left out. */
    static byte[] valueBytes(PaxosEntry full) {
        if (full.isNone() || full.isCoded()) {
            throw new IllegalArgumentException("only a full value is coded, got " + full);
        }
        Wire.Writer w = new Wire.Writer(32 + (full.isNoop() ? 0 : CommandCodec.sizeHint(full.command())));
        w.u8(full.isNoop() ? NOOP : CMD);
        writeValue(w, full);
        return w.toByteArray();
    }

    /** The full value whose {@link #valueBytes} these are, accepted in {@code bal}. */
    static PaxosEntry valueOf(byte[] bytes, long bal) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int kind = r.u8();
        if (kind != NOOP && kind != CMD) {
            throw new CodecException("a coded value of kind " + kind);
        }
        PaxosEntry e = kind == NOOP ? PaxosEntry.noop(bal)
                : PaxosEntry.cmd(bal, new RequestId(r.svar(), r.svar()), CommandCodec.read(r));
        r.expectEnd();
        return e;
    }

    /**
     * Reads a list of entries; {@code ballot > 0} means they carry no ballot of their own (an
     * accept request's). Holes are allowed only where {@code holes} says so (a checkpoint).
     */
    private static List<PaxosEntry> readEntries(Wire.Reader r, long ballot, boolean holes) throws CodecException {
        int n = r.count();
        List<PaxosEntry> entries = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            entries.add(readEntry(r, ballot, holes));
        }
        return entries;
    }

    private static PaxosEntry readEntry(Wire.Reader r, long ballot, boolean holes) throws CodecException {
        int kind = r.u8();
        if (kind == HOLE) {
            if (!holes) {
                throw new CodecException("a hole where an accepted value is expected");
            }
            return PaxosEntry.NONE;
        }
        if (kind < NOOP || kind > CODED_CMD) {
            throw new CodecException("unknown entry kind " + kind);
        }
        long bal = ballot > 0 ? ballot : r.uvar();
        if (bal < 1) {
            throw new CodecException("accepted value with ballot " + bal);
        }
        if (kind == NOOP) {
            return PaxosEntry.noop(bal);
        }
        if (kind == CODED_NOOP) {
            return PaxosEntry.coded(bal, null, new Shard(r.u8(), r.svar(), r.bytes()));
        }
        RequestId id = new RequestId(r.svar(), r.svar());
        if (kind == CODED_CMD) {
            return PaxosEntry.coded(bal, id, new Shard(r.u8(), r.svar(), r.bytes()));
        }
        Command command = CommandCodec.read(r);
        return PaxosEntry.cmd(bal, id, command);
    }
}
