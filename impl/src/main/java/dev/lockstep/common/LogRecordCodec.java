package dev.lockstep.common;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.base.Wire;
import dev.lockstep.core.DurableRecord;

/**
 * {@link LogRecord}s in binary: a tag byte, then the fields as varints ({@link Wire}). Decoding
 * checks tags, positions, ids and trailing bytes and throws {@link CodecException} on anything
 * malformed.
 */
public final class LogRecordCodec {
    private static final int APPEND = 1;
    private static final int CHECKPOINT = 2;

    private LogRecordCodec() {}

    public static byte[] encode(DurableRecord record) {
        return switch ((LogRecord) record) {
            case LogRecord.Append a -> {
                Wire.Writer w = new Wire.Writer(16 + a.entry().sizeHint());
                w.u8(APPEND);
                w.uvar(a.position());
                w.uvar(a.origin().value());
                a.entry().write(w);
                yield w.toByteArray();
            }
            case LogRecord.Checkpoint c -> {
                Wire.Writer w = new Wire.Writer(16 + c.snapshot().length());
                w.u8(CHECKPOINT);
                w.uvar(c.position());
                w.bytes(c.snapshot());
                yield w.toByteArray();
            }
        };
    }

    public static LogRecord decode(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        LogRecord record = switch (tag) {
            case APPEND -> readAppend(r);
            case CHECKPOINT -> new LogRecord.Checkpoint(r.uvar(), r.bytes());
            default -> throw new CodecException("unknown log record tag " + tag);
        };
        r.expectEnd();
        return record;
    }

    /** Position, origin and entry, in that order (as written). */
    private static LogRecord.Append readAppend(Wire.Reader r) throws CodecException {
        long position = r.uvar();
        if (position < 1) {
            throw new CodecException("log position " + position + " (positions start at 1)");
        }
        long origin = r.uvar();
        if (origin < 1 || origin > Integer.MAX_VALUE) {
            throw new CodecException("replica id " + origin + " out of range");
        }
        return new LogRecord.Append(position, ClientEntry.read(r), NodeId.of((int) origin));
    }
}
