package dev.lockstep.server.peer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32C;

/**
 * Writes a {@link Frame} as {@code [int length][int crc32c][body]}: the length counts the body
 * only, the CRC32C covers the body. Every frame's encoded size (header and body) is added to
 * {@code sentBytes}: every frame a replica sends to a peer, on either side of a connection,
 * passes through here, so that sum is the replica's peer traffic as written to its sockets
 * (TCP/IP headers not included; a frame whose connection closes before the flush is counted
 * too).
 */
final class FrameEncoder extends MessageToByteEncoder<Frame> {
    static final int HEADER_BYTES = 8;

    private final LongAdder sentBytes;

    /** An encoder whose byte count nobody reads (tests). */
    FrameEncoder() {
        this(new LongAdder());
    }

    /** @param sentBytes shared by the encoders of all of a replica's peer connections */
    FrameEncoder(LongAdder sentBytes) {
        super(Frame.class);
        this.sentBytes = sentBytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeZero(HEADER_BYTES);
        FrameBodies.write(out, frame);
        int length = out.writerIndex() - start - HEADER_BYTES;
        out.setInt(start, length);
        out.setInt(start + 4, crc(out, start + HEADER_BYTES, length));
        sentBytes.add(HEADER_BYTES + length);
    }

    static int crc(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.nioBuffer(index, length));
        return (int) crc.getValue();
    }
}
