package dev.lockstep.server.resp;

import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.net.Network;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.redis.FixedRedisMessagePool;
import io.netty.handler.codec.redis.RedisDecoder;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis-protocol listener. Pipeline per connection: netty-codec-redis's {@link RedisDecoder}
 * (RESP2 requests and inline commands), {@link CommandAssembler} (whole commands, size limits),
 * {@link RespEncoder} (RESP2/RESP3 replies), {@link ClientConnection} (the session).
 */
public final class RespServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);
    private static final int MAX_INLINE_BYTES = 64 * 1024;

    private final ServerConfig config;
    private final Network network;
    private final ClientContext shared;
    private final RespEncoder encoder = new RespEncoder();
    private Channel acceptor;

    public RespServer(ServerConfig config, Network network, RequestRouter router, ServerView view,
            LongSupplier clientIds, ClientStats stats, CommandObserver observer) {
        this.config = config;
        this.network = network;
        this.shared = new ClientContext(router, view, clientIds, config.limits(), stats, observer);
    }

    public void start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(network.acceptors(), network.workers())
                .channel(network.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new RedisDecoder(MAX_INLINE_BYTES, FixedRedisMessagePool.INSTANCE, true),
                                new CommandAssembler(config.limits().maxValueBytes(), config.limits().maxRequestBytes()),
                                encoder,
                                new ClientConnection(shared));
                    }
                });
        acceptor = b.bind(config.bindHost(), config.clientPort()).sync().channel();
        LOG.info("Redis protocol listening on {}:{}", config.bindHost(), port());
    }

    public int port() {
        return ((InetSocketAddress) acceptor.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (acceptor != null) {
            acceptor.close().syncUninterruptibly();
        }
    }
}
