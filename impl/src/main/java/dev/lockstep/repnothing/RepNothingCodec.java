package dev.lockstep.repnothing;

import dev.lockstep.base.CodecException;
import dev.lockstep.common.LogRecordCodec;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;

/**
 * RepNothing's records are an executed log's ({@link LogRecordCodec}). RepNothing sends no
 * messages: encoding one is a programming error, and any bytes that claim to be one are rejected.
 */
public final class RepNothingCodec implements ProtocolCodec {
    public static final RepNothingCodec INSTANCE = new RepNothingCodec();

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
        return LogRecordCodec.encode(record);
    }

    @Override
    public DurableRecord decodeRecord(byte[] bytes) throws CodecException {
        return LogRecordCodec.decode(bytes);
    }
}
