package dev.lockstep.repnothing;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;

/**
 * RepNothing's records in binary (a tag byte, then the fields as varints, see {@link Wire}).
 * RepNothing sends no messages: encoding one is a programming error, and any bytes that claim to
 * be one are rejected.
 */
public final class RepNothingCodec implements ProtocolCodec {
    public static final RepNothingCodec INSTANCE = new RepNothingCodec();

    private static final int APPEND = 1;
    private static final int CHECKPOINT = 2;

    private RepNothingCodec() {}

    @Override
    public byte[] encodeMessage(Message message) {
        throw new IllegalArgumentException("RepNothing sends no messages, got " + message);
    }

    @Override
    public Message decodeMessage(byte[] bytes) throws CodecException {
        throw new CodecException("RepNothing has no messages (" + bytes.length + " bytes from a peer)");
    }

    @Override
    public byte[] encodeRecord(DurableRecord record) {
        return switch ((RepNothingRecord) record) {
            case RepNothingRecord.Append a -> {
                Wire.Writer w = new Wire.Writer(12 + a.entry().sizeHint());
                w.u8(APPEND);
                w.uvar(a.position());
                a.entry().write(w);
                yield w.toByteArray();
            }
            case RepNothingRecord.Checkpoint c -> {
                Wire.Writer w = new Wire.Writer(16 + c.snapshot().length());
                w.u8(CHECKPOINT);
                w.uvar(c.position());
                w.bytes(c.snapshot());
                yield w.toByteArray();
            }
        };
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        DurableRecord record = switch (tag) {
            case APPEND -> new RepNothingRecord.Append(position(r), ClientEntry.read(r));
            case CHECKPOINT -> new RepNothingRecord.Checkpoint(r.uvar(), r.bytes());
            default -> throw new CodecException("unknown RepNothing record tag " + tag);
        };
        r.expectEnd();
        return record;
    }

    private static long position(Wire.Reader r) throws CodecException {
        long position = r.uvar();
        if (position < 1) {
            throw new CodecException("log position " + position + " (positions start at 1)");
        }
        return position;
    }
}
