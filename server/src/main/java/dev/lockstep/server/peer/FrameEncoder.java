package dev.lockstep.server.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.zip.CRC32C;

/**
 * Writes a {@link Frame} as {@code [int length][int crc32c][body]}: the length counts the body
 * only, the CRC32C covers the body.
 */
final class FrameEncoder extends MessageToByteEncoder<Frame> {
    static final int HEADER_BYTES = 8;

    FrameEncoder() {
        super(Frame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeZero(HEADER_BYTES);
        FrameBodies.write(out, frame);
        int length = out.writerIndex() - start - HEADER_BYTES;
        out.setInt(start, length);
        out.setInt(start + 4, crc(out, start + HEADER_BYTES, length));
    }

    static int crc(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.nioBuffer(index, length));
        return (int) crc.getValue();
    }
}
