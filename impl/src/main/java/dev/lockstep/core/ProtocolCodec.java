package dev.lockstep.core;

import dev.lockstep.base.CodecException;

/**
 * The binary encoding of a protocol's messages (peer transport) and durable records
 * (write-ahead log). Pure: byte arrays in and out. Decoding rejects malformed input with
 * {@link CodecException}, never with a silent default.
 */
public interface ProtocolCodec {

    byte[] encodeMessage(Message message);

    Message decodeMessage(byte[] bytes) throws CodecException;

    byte[] encodeRecord(DurableRecord record);

    DurableRecord decodeRecord(byte[] bytes) throws CodecException;
}
