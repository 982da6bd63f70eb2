package dev.lockstep.server.peer;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.net.Network;
import dev.lockstep.server.runtime.PeerSender;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replica-to-replica networking on Netty: a listener for peers' connections and one
 * {@link PeerLink} to each peer, framed with a length and a CRC32C ({@link FrameEncoder}),
 * handshaken against the configured membership ({@link PeerChannelHandler}). Protocol messages
 * are best effort; client requests are forwarded through the {@link Forwarder}.
 */
public final class PeerTransport implements PeerSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);

    /** What arrives from peers; called on I/O threads. */
    public interface Listener {
        void onMessage(NodeId from, Message message);

        /** A follower forwarded a client request; answer exactly once through {@code respond}. */
        void onForward(NodeId from, RequestId id, Command command, Consumer<Result> respond);
    }

    private final ServerConfig config;
    private final ProtocolCodec codec;
    private final Network network;
    private final Listener listener;
    private final Map<NodeId, PeerLink> links = new TreeMap<>();
    private final Map<NodeId, Channel> inbound = new ConcurrentHashMap<>();
    private final Forwarder forwarder;
    /** Encoded frame bytes written to peer connections, both directions of each ({@link FrameEncoder}). */
    private final LongAdder sentBytes = new LongAdder();
    private Channel acceptor;

    public PeerTransport(ServerConfig config, ProtocolCodec codec, Network network, Listener listener) {
        this.config = config;
        this.codec = codec;
        this.network = network;
        this.listener = listener;
        this.forwarder = new Forwarder(network.workers());
    }

    /** Binds the peer port and starts dialing every peer. */
    public void start() throws InterruptedException {
        ServerBootstrap server = new ServerBootstrap()
                .group(network.acceptors(), network.workers())
                .channel(network.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(pipeline(Optional.empty()));
        int port = config.member(config.self()).peer().port();
        acceptor = server.bind(config.bindHost(), port).sync().channel();
        for (ServerConfig.Member peer : config.peers()) {
            Bootstrap dial = new Bootstrap()
                    .group(network.workers())
                    .channel(network.clientChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                    .handler(pipeline(Optional.of(peer.id())));
            PeerLink link = new PeerLink(peer.id(), peer.peer(), dial, config.limits().peerQueueMessages());
            links.put(peer.id(), link);
            link.start();
        }
        LOG.info("peer transport listening on {}:{} ({}), dialing {}", config.bindHost(), port,
                network.epoll() ? "epoll" : "nio", config.peers().stream().map(m -> m.id() + "@" + m.peer())
                        .collect(Collectors.joining(", ")));
    }

    private static WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(4 << 20, 16 << 20);
    }

    private ChannelInitializer<SocketChannel> pipeline(Optional<NodeId> dialed) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new FrameDecoder(config.limits().maxFrameBytes()), new FrameEncoder(sentBytes),
                        new PeerChannelHandler(PeerTransport.this, dialed));
            }
        };
    }

    /** The local listener's port (useful when the configuration asked for port 0). */
    public int boundPort() {
        return ((java.net.InetSocketAddress) acceptor.localAddress()).getPort();
    }

    Frame.Hello hello(Optional<NodeId> to) {
        return new Frame.Hello(FrameBodies.WIRE_VERSION, config.clusterId(), config.protocol(), config.self(), to);
    }

    /** Why a peer's hello is refused, or empty when it is one of ours. */
    Optional<String> checkHello(Frame.Hello h, Optional<NodeId> dialed) {
        if (h.version() != FrameBodies.WIRE_VERSION) {
            return Optional.of("wire version " + h.version() + " is not ours (" + FrameBodies.WIRE_VERSION + ")");
        }
        if (!h.clusterId().equals(config.clusterId())) {
            return Optional.of("cluster id '" + h.clusterId() + "' does not match ours '" + config.clusterId() + "'");
        }
        if (!h.protocol().equals(config.protocol())) {
            return Optional.of("protocol '" + h.protocol() + "' does not match ours '" + config.protocol() + "'");
        }
        if (!config.members().containsKey(h.from())) {
            return Optional.of(h.from() + " is not a member of cluster '" + config.clusterId() + "' (members: "
                    + config.memberIds() + ")");
        }
        if (h.from().equals(config.self())) {
            return Optional.of("the caller claims our own id " + config.self());
        }
        if (dialed.isPresent() && !dialed.get().equals(h.from())) {
            return Optional.of("dialed " + dialed.get() + " but " + h.from() + " answered");
        }
        if (dialed.isEmpty() && h.to().isPresent() && !h.to().get().equals(config.self())) {
            return Optional.of("the caller wants " + h.to().get() + " but this is " + config.self());
        }
        return Optional.empty();
    }

    void connected(NodeId peer, Channel channel, boolean outbound) {
        if (outbound) {
            links.get(peer).onHandshake(channel);
            LOG.info("connected to peer {} at {}", peer, channel.remoteAddress());
        } else {
            inbound.put(peer, channel);
            PeerLink link = links.get(peer);
            if (link != null) {
                link.peerIsUp(); // it is back: dial it now, not at the end of our backoff
            }
        }
    }

    void disconnected(NodeId peer, Channel channel, boolean outbound) {
        if (outbound) {
            LOG.info("connection to peer {} closed", peer);
            forwarder.connectionLost(peer);
        } else {
            inbound.remove(peer, channel);
        }
    }

    void recordRefusal(NodeId peer, String reason) {
        PeerLink link = links.get(peer);
        if (link != null) {
            link.recordRefusal(reason);
        }
    }

    void deliver(NodeId from, byte[] payload) {
        Message message;
        try {
            message = codec.decodeMessage(payload);
        } catch (CodecException e) {
            LOG.warn("dropped an undecodable message from {} ({} bytes): {}", from, payload.length, e.getMessage());
            return;
        }
        listener.onMessage(from, message);
    }

    void serveForward(NodeId from, Frame.ForwardRequest request, Channel channel) {
        listener.onForward(from, request.id(), request.command(),
                result -> FlushBatcher.write(channel, new Frame.ForwardResponse(request.correlation(), result)));
    }

    Forwarder forwarder() {
        return forwarder;
    }

    @Override
    public void send(NodeId to, byte[] encodedMessage) {
        PeerLink link = links.get(to);
        if (link != null) {
            link.send(new Frame.ProtocolMessage(encodedMessage));
        }
    }

    /**
     * Forwards a client request to {@code leader}; {@code done} runs on an I/O thread.
     */
    public void forward(NodeId leader, RequestId id, Command command, long timeoutMs,
            Consumer<Forwarder.Outcome> done) {
        PeerLink link = links.get(leader);
        if (link == null) {
            done.accept(new Forwarder.Outcome.NotSent(leader + " is not a peer"));
            return;
        }
        forwarder.forward(link, id, command, timeoutMs, done);
    }

    public long forwardedRequests() {
        return forwarder.forwarded();
    }

    /**
     * Bytes of frames (length, checksum and body) this replica has written to its peers so far:
     * protocol messages, forwarded requests and answers, handshakes.
     */
    public long sentBytes() {
        return sentBytes.sum();
    }

    /** Peers in id order. */
    public List<PeerState> peers() {
        List<PeerState> states = new ArrayList<>();
        for (PeerLink link : links.values()) {
            states.add(link.snapshot(inbound.containsKey(link.id())));
        }
        return states;
    }

    /** Milliseconds until our next dial of {@code peer}, or -1 when none is waiting (tests). */
    long redialInMs(NodeId peer) {
        return links.get(peer).redialInMs();
    }

    /**
     * The failure detector: a peer looks alive while our connection to it is handshaken (a
     * crashed or cut-off peer closes it or fails the dial within the link's timeouts).
     */
    @Override
    public java.util.Set<NodeId> livePeers() {
        java.util.Set<NodeId> alive = new java.util.TreeSet<>();
        for (PeerLink link : links.values()) {
            if (link.connected()) {
                alive.add(link.id());
            }
        }
        return alive;
    }

    /** Peers our connection to which is handshaken. */
    public int connectedPeers() {
        int n = 0;
        for (PeerLink link : links.values()) {
            n += link.connected() ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        links.values().forEach(PeerLink::close);
        inbound.values().forEach(Channel::close);
        if (acceptor != null) {
            acceptor.close().syncUninterruptibly();
        }
    }
}
