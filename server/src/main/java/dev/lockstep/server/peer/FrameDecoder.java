package dev.lockstep.server.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Reads frames written by {@link FrameEncoder}. A length out of range or a checksum mismatch
 * means the stream cannot be trusted any more: it throws, and the connection is closed (the
 * link reconnects; the protocol tolerates the lost messages).
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= FrameEncoder.HEADER_BYTES) {
            int start = in.readerIndex();
            int length = in.getInt(start);
            if (length < 1 || length > maxFrameBytes) {
                throw new TooLongFrameException("frame length " + length + " outside 1.." + maxFrameBytes);
            }
            if (in.readableBytes() < FrameEncoder.HEADER_BYTES + length) {
                return;
            }
            int expected = in.getInt(start + 4);
            int actual = FrameEncoder.crc(in, start + FrameEncoder.HEADER_BYTES, length);
            if (expected != actual) {
                throw new CorruptedFrameException("frame checksum mismatch (length " + length + ")");
            }
            in.skipBytes(FrameEncoder.HEADER_BYTES);
            ByteBuf body = in.readSlice(length);
            out.add(FrameBodies.read(body));
        }
    }
}
