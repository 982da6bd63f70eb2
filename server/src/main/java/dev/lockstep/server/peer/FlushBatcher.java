package dev.lockstep.server.peer;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Writes a message to a channel and flushes once per batch of event-loop work rather than once
 * per message: the first write of a batch schedules a flush task on the channel's event loop,
 * later writes before it runs only add to the outbound buffer. Many answers released together
 * (e.g. every forwarded request a group commit made durable) then leave in one syscall.
 */
final class FlushBatcher {
    private static final AttributeKey<Boolean> FLUSH_SCHEDULED = AttributeKey.valueOf("lockstep.flushScheduled");

    private FlushBatcher() {}

    /** Safe from any thread; the write itself always happens on the channel's event loop. */
    static void write(Channel channel, Object message) {
        if (channel.eventLoop().inEventLoop()) {
            writeInLoop(channel, message);
        } else {
            channel.eventLoop().execute(() -> writeInLoop(channel, message));
        }
    }

    private static void writeInLoop(Channel channel, Object message) {
        channel.write(message, channel.voidPromise());
        if (!Boolean.TRUE.equals(channel.attr(FLUSH_SCHEDULED).get())) {
            channel.attr(FLUSH_SCHEDULED).set(Boolean.TRUE);
            channel.eventLoop().execute(() -> {
                channel.attr(FLUSH_SCHEDULED).set(Boolean.FALSE);
                channel.flush();
            });
        }
    }
}
