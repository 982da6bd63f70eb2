package dev.lockstep.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * Keeps a connection's replies in request order although commands complete out of order
 * (pipelining: a GET forwarded to the leader may finish after a later PING). Each command takes
 * a slot when read; replies are written from the head as slots fill, a batch of ready replies
 * encoded into one buffer. Writes are flushed once per batch of event-loop work. Too many
 * unanswered commands pause reading (backpressure). Confined to the connection's event loop.
 */
final class ReplyQueue {
    static final int PAUSE_READING_AT = 4096;
    static final int RESUME_READING_AT = 1024;
    /** Enough for a batch of small replies (+OK, short bulk strings) without growing. */
    private static final int INITIAL_BATCH_BYTES = 256;

    /** One command's place in the reply order. */
    static final class Slot {
        /** The RESP version to write the reply in: the client's when it asked (HELLO sets its own). */
        int protocol;
        RespReply reply;
        boolean closeAfter;

        Slot(int protocol) {
            this.protocol = protocol;
        }
    }

    private final ChannelHandlerContext ctx;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private boolean flushScheduled;
    private boolean closing;

    ReplyQueue(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    Slot open(int protocol) {
        Slot slot = new Slot(protocol);
        slots.add(slot);
        if (slots.size() >= PAUSE_READING_AT) {
            ctx.channel().config().setAutoRead(false);
        }
        return slot;
    }

    void complete(Slot slot, RespReply reply) {
        slot.reply = reply;
        drain();
    }

    /** QUIT: answer, then close once every earlier reply is written. */
    void completeThenClose(Slot slot, RespReply reply) {
        slot.closeAfter = true;
        complete(slot, reply);
    }

    int pending() {
        return slots.size();
    }

    /**
     * Writes every reply that is ready, in order, encoded into ONE buffer (one pipeline write and
     * one allocation per batch instead of one per reply), and schedules a flush.
     */
    private void drain() {
        ByteBuf out = null;
        while (!closing && !slots.isEmpty() && slots.peek().reply != null) {
            Slot slot = slots.poll();
            if (out == null) {
                out = ctx.alloc().ioBuffer(INITIAL_BATCH_BYTES);
            }
            RespEncoder.write(out, slot.reply, slot.protocol >= 3);
            if (slot.closeAfter) {
                closing = true;
                slots.clear();
                ctx.write(out, ctx.voidPromise());
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (out != null) {
            ctx.write(out, ctx.voidPromise());
            scheduleFlush();
        }
        if (slots.size() <= RESUME_READING_AT && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(() -> {
                flushScheduled = false;
                ctx.flush();
            });
        }
    }
}
