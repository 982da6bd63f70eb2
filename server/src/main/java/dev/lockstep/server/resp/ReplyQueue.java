package dev.lockstep.server.resp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;

/**
 * Keeps a connection's replies in request order although commands complete out of order
 * (pipelining: a GET forwarded to the leader may finish after a later PING). Each command takes
 * a slot when read; replies are written from the head as slots fill. Writes are flushed once per
 * batch of event-loop work. Too many unanswered commands pause reading (backpressure).
 * Confined to the connection's event loop.
 */
final class ReplyQueue {
    static final int PAUSE_READING_AT = 4096;
    static final int RESUME_READING_AT = 1024;

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

    private void drain() {
        boolean wrote = false;
        while (!closing && !slots.isEmpty() && slots.peek().reply != null) {
            Slot slot = slots.poll();
            ctx.write(new RespEncoder.Outbound(slot.reply, slot.protocol));
            wrote = true;
            if (slot.closeAfter) {
                closing = true;
                slots.clear();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (wrote) {
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
