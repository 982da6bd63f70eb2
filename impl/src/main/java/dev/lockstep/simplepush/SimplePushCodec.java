package dev.lockstep.simplepush;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.base.Wire;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.RequestId;

/**
 * SimplePush's messages (peer transport) and records (write-ahead log) in binary: a tag byte,
 * then the fields as varints (see {@link Wire}). Decoding checks tags, lengths and trailing bytes
 * and throws {@link CodecException} on anything malformed.
 */
public final class SimplePushCodec implements ProtocolCodec {
    public static final SimplePushCodec INSTANCE = new SimplePushCodec();

    private static final int PUSH = 1;
    private static final int PUSH_ACK = 2;
    private static final int APPEND = 1;
    private static final int CHECKPOINT = 2;

    private SimplePushCodec() {}

    @Override
    public byte[] encodeMessage(Message message) {
        return switch ((PushMessage) message) {
            case PushMessage.Push p -> {
                Wire.Writer w = new Wire.Writer(4 + p.entry().sizeHint());
                w.u8(PUSH);
                p.entry().write(w);
                yield w.toByteArray();
            }
            case PushMessage.PushAck a -> {
                Wire.Writer w = new Wire.Writer(24);
                w.u8(PUSH_ACK);
                w.svar(a.id().client());
                w.svar(a.id().seq());
                yield w.toByteArray();
            }
        };
    }

    @Override
    public Message decodeMessage(byte[] bytes) throws CodecException {
        Wire.Reader r = new Wire.Reader(bytes);
        int tag = r.u8();
        Message m = switch (tag) {
            case PUSH -> new PushMessage.Push(ClientEntry.read(r));
            case PUSH_ACK -> new PushMessage.PushAck(new RequestId(r.svar(), r.svar()));
            default -> throw new CodecException("unknown SimplePush message tag " + tag);
        };
        r.expectEnd();
        return m;
    }

    @Override
    public byte[] encodeRecord(DurableRecord record) {
        return switch ((SimplePushRecord) record) {
            case SimplePushRecord.Append a -> {
                Wire.Writer w = new Wire.Writer(16 + a.entry().sizeHint());
                w.u8(APPEND);
                w.uvar(a.position());
                w.uvar(a.origin().value());
                a.entry().write(w);
                yield w.toByteArray();
            }
            case SimplePushRecord.Checkpoint c -> {
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
            case APPEND -> readAppend(r);
            case CHECKPOINT -> new SimplePushRecord.Checkpoint(r.uvar(), r.bytes());
            default -> throw new CodecException("unknown SimplePush record tag " + tag);
        };
        r.expectEnd();
        return record;
    }

    /** Position, origin and entry, in that order (as written). */
    private static SimplePushRecord.Append readAppend(Wire.Reader r) throws CodecException {
        long position = position(r);
        NodeId origin = nodeId(r);
        return new SimplePushRecord.Append(position, ClientEntry.read(r), origin);
    }

    private static long position(Wire.Reader r) throws CodecException {
        long position = r.uvar();
        if (position < 1) {
            throw new CodecException("log position " + position + " (positions start at 1)");
        }
        return position;
    }

    private static NodeId nodeId(Wire.Reader r) throws CodecException {
        long id = r.uvar();
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw new CodecException("replica id " + id + " out of range");
        }
        return NodeId.of((int) id);
    }
}
