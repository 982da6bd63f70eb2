package dev.lockstep.server.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Frames survive the wire; corrupted, oversized or garbled ones are refused, never misread; the
 * encoder counts the bytes it writes.
 */
class FrameCodecTest {
    private static final Command TXN = new Command.Txn(
            List.of(new Command.Compare(Bytes.utf8("a"), Optional.empty()),
                    new Command.Compare(Bytes.utf8("b"), Optional.of(Bytes.utf8("1")))),
            List.of(new Command.Get(Bytes.utf8("a")),
                    new Command.Put(Bytes.utf8("a"), Bytes.utf8("x"), Command.Condition.IF_ABSENT),
                    new Command.Delete(Bytes.utf8("b")),
                    new Command.Cas(Bytes.utf8("c"), Optional.of(Bytes.utf8("old")), Bytes.utf8("new")),
                    new Command.Incr(Bytes.utf8("n"), -7)));

    private static ByteBuf encode(Frame frame) {
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder());
        out.writeOutbound(frame);
        return out.readOutbound();
    }

    private static Frame roundTrip(Frame frame) {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));
        in.writeInbound(encode(frame));
        return in.readInbound();
    }

    @Test
    void everyFrameKindRoundTrips() {
        Frame.Hello hello = new Frame.Hello(1, "demo", "raft", NodeId.of(3), Optional.of(NodeId.of(1)));
        assertEquals(hello, roundTrip(hello));
        Frame.Hello anonymous = new Frame.Hello(1, "demo", "raft", NodeId.of(3), Optional.empty());
        assertEquals(anonymous, roundTrip(anonymous));
        assertEquals(new Frame.Reject("go away"), roundTrip(new Frame.Reject("go away")));
        Frame.ForwardRequest fwd = new Frame.ForwardRequest(42, new RequestId(-5, 9), TXN);
        assertEquals(fwd, roundTrip(fwd));
        Frame.ForwardRequest noop = new Frame.ForwardRequest(1, new RequestId(1, 1), Command.Noop.INSTANCE);
        assertEquals(noop, roundTrip(noop));
        for (Result r : List.of(Result.Ok.INSTANCE, new Result.Value(Optional.empty()), new Result.Int(3),
                new Result.Multi(List.of(Result.NotApplied.INSTANCE, new Result.Error("x"))),
                new Result.Redirect(Optional.of(NodeId.of(2))), new Result.Unknown("why"))) {
            assertEquals(new Frame.ForwardResponse(7, r), roundTrip(new Frame.ForwardResponse(7, r)));
        }
        byte[] payload = {1, 2, 3, 0, -1};
        Frame.ProtocolMessage m = assertInstanceOf(Frame.ProtocolMessage.class,
                roundTrip(new Frame.ProtocolMessage(payload)));
        assertArrayEquals(payload, m.payload());
    }

    @Test
    void theSentByteCounterGrowsByEachEncodedFrame() {
        LongAdder sent = new LongAdder();
        EmbeddedChannel out = new EmbeddedChannel(new FrameEncoder(sent));
        long total = 0;
        for (Frame f : List.of(new Frame.ProtocolMessage(new byte[4096]), new Frame.Reject("no"),
                new Frame.ForwardRequest(3, new RequestId(1, 2), TXN))) {
            out.writeOutbound(f);
            ByteBuf encoded = out.readOutbound();
            total += encoded.readableBytes();
            assertEquals(total, sent.sum(), "after " + f.getClass().getSimpleName());
            encoded.release();
        }
        assertTrue(total > 4096 + FrameEncoder.HEADER_BYTES, "a 4 KB payload and its header at least: " + total);
    }

    @Test
    void framesSplitAcrossReadsAndBatchedInOneReadAreReassembled() {
        ByteBuf a = encode(new Frame.Reject("first"));
        ByteBuf b = encode(new Frame.Reject("second"));
        ByteBuf all = Unpooled.wrappedBuffer(a, b);
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));
        while (all.isReadable()) {
            in.writeInbound(all.readRetainedSlice(Math.min(3, all.readableBytes())));
        }
        assertEquals(new Frame.Reject("first"), in.readInbound());
        assertEquals(new Frame.Reject("second"), in.readInbound());
        assertNull(in.readInbound());
    }

    @Test
    void aFlippedBitFailsTheChecksum() {
        ByteBuf frame = encode(new Frame.ForwardRequest(1, new RequestId(1, 1), TXN));
        int last = frame.writerIndex() - 1;
        frame.setByte(last, frame.getByte(last) ^ 0x10);
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));
        DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(frame));
        assertEquals("frame checksum mismatch (length " + (frame.writerIndex() - 8) + ")", e.getMessage());
    }

    @Test
    void anOversizedLengthIsRefusedBeforeAnythingIsAllocated() {
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1024));
        ByteBuf header = Unpooled.buffer().writeInt(1_000_000).writeInt(0);
        assertThrows(DecoderException.class, () -> in.writeInbound(header));
    }

    @Test
    void aBodyWithAValidChecksumButGarbledContentIsRefused() {
        ByteBuf body = Unpooled.buffer().writeByte(FrameBodies.FORWARD_REQUEST).writeLong(1).writeLong(1).writeLong(1)
                .writeByte(6).writeInt(Integer.MAX_VALUE);
        ByteBuf frame = Unpooled.buffer().writeInt(body.readableBytes())
                .writeInt(FrameEncoder.crc(body, 0, body.readableBytes())).writeBytes(body);
        EmbeddedChannel in = new EmbeddedChannel(new FrameDecoder(1 << 20));
        assertThrows(DecoderException.class, () -> in.writeInbound(frame));
        ByteBuf unknownKind = Unpooled.buffer().writeByte(99);
        ByteBuf frame2 = Unpooled.buffer().writeInt(1).writeInt(FrameEncoder.crc(unknownKind, 0, 1)).writeBytes(unknownKind);
        EmbeddedChannel in2 = new EmbeddedChannel(new FrameDecoder(1 << 20));
        assertThrows(DecoderException.class, () -> in2.writeInbound(frame2));
    }
}
