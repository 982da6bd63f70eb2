package dev.lockstep.server.peer;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandCodec;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.kv.ResultCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Frame bodies: a kind byte, then the kind's fields (big-endian integers, length-prefixed byte
 * strings). The length and checksum around a body are {@link FrameEncoder}'s business.
 */
final class FrameBodies {
    static final int HELLO = 1;
    static final int REJECT = 2;
    static final int MESSAGE = 3;
    static final int FORWARD_REQUEST = 4;
    static final int FORWARD_RESPONSE = 5;
    /** Bumped whenever a frame layout changes; peers with another version are refused. */
    static final int WIRE_VERSION = 1;

    private FrameBodies() {}

    static void write(ByteBuf out, Frame frame) {
        if (frame instanceof Frame.ProtocolMessage m) {
            out.writeByte(MESSAGE);
            out.writeBytes(m.payload());
        } else if (frame instanceof Frame.ForwardRequest f) {
            out.writeByte(FORWARD_REQUEST);
            out.writeLong(f.correlation());
            out.writeLong(f.id().client());
            out.writeLong(f.id().seq());
            writeCommand(out, f.command());
        } else if (frame instanceof Frame.ForwardResponse r) {
            out.writeByte(FORWARD_RESPONSE);
            out.writeLong(r.correlation());
            writeResult(out, r.result());
        } else if (frame instanceof Frame.Hello h) {
            out.writeByte(HELLO);
            out.writeInt(h.version());
            writeString(out, h.clusterId());
            writeString(out, h.protocol());
            out.writeInt(h.from().value());
            out.writeInt(h.to().map(NodeId::value).orElse(0));
        } else if (frame instanceof Frame.Reject r) {
            out.writeByte(REJECT);
            writeString(out, r.reason());
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
    }

    /** Decodes one whole body; every byte must be used. */
    static Frame read(ByteBuf in) {
        Frame frame;
        try {
            frame = readKind(in);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CorruptedFrameException("malformed frame body: " + e.getMessage(), e);
        }
        if (in.isReadable()) {
            throw new CorruptedFrameException(in.readableBytes() + " trailing bytes after a frame body");
        }
        return frame;
    }

    private static Frame readKind(ByteBuf in) {
        int kind = in.readByte();
        return switch (kind) {
            case MESSAGE -> {
                byte[] payload = new byte[in.readableBytes()];
                in.readBytes(payload);
                yield new Frame.ProtocolMessage(payload);
            }
            case FORWARD_REQUEST -> new Frame.ForwardRequest(in.readLong(),
                    new RequestId(in.readLong(), in.readLong()), readCommand(in));
            case FORWARD_RESPONSE -> new Frame.ForwardResponse(in.readLong(), readResult(in));
            case HELLO -> new Frame.Hello(in.readInt(), readString(in), readString(in),
                    NodeId.of(in.readInt()), optionalNode(in.readInt()));
            case REJECT -> new Frame.Reject(readString(in));
            default -> throw new CorruptedFrameException("unknown frame kind " + kind);
        };
    }

    private static Optional<NodeId> optionalNode(int value) {
        return value == 0 ? Optional.empty() : Optional.of(NodeId.of(value));
    }

    private static void writeString(ByteBuf out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.writeBytes(utf8);
    }

    private static String readString(ByteBuf in) {
        int n = count(in);
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    private static void writeCommand(ByteBuf out, Command command) {
        byte[] encoded = CommandCodec.encode(command);
        out.writeInt(encoded.length);
        out.writeBytes(encoded);
    }

    private static Command readCommand(ByteBuf in) {
        byte[] encoded = new byte[count(in)];
        in.readBytes(encoded);
        try {
            return CommandCodec.decode(encoded);
        } catch (CodecException e) {
            throw new CorruptedFrameException("malformed forwarded command: " + e.getMessage(), e);
        }
    }

    /** A length or count, rejected when negative or beyond the bytes left. */
    private static int count(ByteBuf in) {
        int n = in.readInt();
        if (n < 0 || n > in.readableBytes()) {
            throw new CorruptedFrameException("corrupt length " + n + " with " + in.readableBytes() + " bytes left");
        }
        return n;
    }

    private static void writeResult(ByteBuf out, Result result) {
        try (DataOutputStream data = new DataOutputStream(new ByteBufOutputStream(out))) {
            ResultCodec.write(data, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result readResult(ByteBuf in) {
        try (DataInputStream data = new DataInputStream(new ByteBufInputStream(in))) {
            return ResultCodec.read(data, in.readableBytes());
        } catch (IOException e) {
            throw new CorruptedFrameException("malformed result: " + e.getMessage(), e);
        }
    }
}
