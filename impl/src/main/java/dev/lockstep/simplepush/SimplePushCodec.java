package dev.lockstep.simplepush;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.LogRecordCodec;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.RequestId;

/**
 * SimplePush's messages (peer transport) in binary: a tag byte, then the fields as varints (see
 * {@link Wire}); its records are an executed log's ({@link LogRecordCodec}). Decoding checks
 * tags, lengths and trailing bytes and throws {@link CodecException} on anything malformed.
 */
public final class SimplePushCodec implements ProtocolCodec {
    public static final SimplePushCodec INSTANCE = new SimplePushCodec();

    private static final int PUSH = 1;
    private static final int PUSH_ACK = 2;

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
        return LogRecordCodec.encode(record);
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        return LogRecordCodec.decode(bytes);
    }
}
