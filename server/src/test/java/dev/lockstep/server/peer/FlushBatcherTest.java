package dev.lockstep.server.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Answers written in one batch of event-loop work leave with one flush, and none is left unflushed. */
@Timeout(20)
class FlushBatcherTest {

    @Test
    void writesOfOneBatchShareOneFlushFromAnyThread() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        StringBuffer received = new StringBuffer();
        CountDownLatch all = new CountDownLatch(4);
        AtomicInteger flushes = new AtomicInteger();
        try {
            LocalAddress address = new LocalAddress("flush-batcher-test");
            new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf b = (ByteBuf) msg;
                            int n = b.readableBytes();
                            received.append(b.toString(StandardCharsets.US_ASCII));
                            b.release();
                            for (int i = 0; i < n; i++) {
                                all.countDown();
                            }
                        }
                    }).bind(address).sync();
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelOutboundHandlerAdapter() {
                        @Override
                        public void flush(ChannelHandlerContext ctx) {
                            flushes.incrementAndGet();
                            ctx.flush();
                        }
                    }).connect(address).sync().channel();
            int before = flushes.get();
            client.eventLoop().submit(() -> {
                for (String s : new String[] {"a", "b", "c"}) {
                    FlushBatcher.write(client, Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
                }
            }).sync();
            client.eventLoop().submit(() -> { }).sync(); // the scheduled flush has run
            assertEquals(before + 1, flushes.get(), "three writes of one task, one flush");
            FlushBatcher.write(client, Unpooled.copiedBuffer("d", StandardCharsets.US_ASCII)); // not on the loop
            assertTrue(all.await(10, TimeUnit.SECONDS), "everything written arrives: " + received);
            assertEquals("abcd", received.toString());
            assertEquals(before + 2, flushes.get(), "a later batch schedules its own flush");
            client.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
