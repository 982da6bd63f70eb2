package dev.lockstep.server.node;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Message;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.admin.AdminServer;
import dev.lockstep.server.admin.AdminView;
import dev.lockstep.server.admin.ServerMetrics;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.net.Network;
import dev.lockstep.server.peer.PeerState;
import dev.lockstep.server.peer.PeerTransport;
import dev.lockstep.server.resp.ClientStats;
import dev.lockstep.server.resp.RespServer;
import dev.lockstep.server.runtime.DataDirectory;
import dev.lockstep.server.runtime.NdjsonTraceWriter;
import dev.lockstep.server.runtime.ReplicaRuntime;
import dev.lockstep.server.runtime.RuntimeStats;
import dev.lockstep.server.runtime.TraceSink;
import dev.lockstep.server.runtime.WalDurability;
import dev.lockstep.server.wal.GroupCommitter;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running replica server: its data directory and write-ahead log, the replica on its event
 * loop (the first Netty I/O loop, shared with connections: no thread hop between a socket and the
 * replica when {@code tuning.ioThreads} is 1; see docs/benchmarks.md), the peer transport, the
 * Redis listener and the admin listener, wired together. Nothing here names a protocol: the
 * {@link Protocol} comes from the registry (or a test).
 */
public final class Node implements AdminView, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final ServerConfig config;
    private final Protocol protocol;
    private final long startMillis = System.currentTimeMillis();
    private final ClientStats clientStats = new ClientStats();
    private volatile String failure;
    private String truncatedTail;
    private Network network;
    private ReplicaRuntime runtime;
    private WalDurability durability;
    private PeerTransport transport;
    private ExpirySweeper sweeper;
    /** How often the leader looks for expired keys to delete (docs/operations.md, "Expiry"). */
    static final long EXPIRY_SWEEP_MS = 250;
    private RespServer resp;
    private AdminServer admin;

    private Node(ServerConfig config, Protocol protocol) {
        this.config = config;
        this.protocol = protocol;
    }

    /**
     * Opens storage, recovers, and starts every listener.
     *
     * @param fatal told (once) when the replica must stop: storage failed or the replica threw
     */
    public static Node start(ServerConfig config, Protocol protocol, Consumer<Throwable> fatal) throws Exception {
        Node node = new Node(config, protocol);
        try {
            node.boot(fatal);
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void boot(Consumer<Throwable> fatal) throws Exception {
        DataDirectory.Opened storage = DataDirectory.open(config.dataDir(), config.clusterId(), config.self(),
                config.protocol(), config.fsync(), protocol.codec());
        truncatedTail = storage.truncatedTail();
        if (truncatedTail != null) {
            LOG.warn("write-ahead log had a torn tail (a crash mid-write, never acknowledged): {}", truncatedTail);
        }
        LOG.info("{} {} in {}: {}", config.self(), storage.recovered().isPresent() ? "recovering" : "starting fresh",
                config.dataDir(), storage.recovered().map(r -> r.size() + " durable records").orElse("new data directory"));
        network = new Network("lockstep-" + config.self(), config.tuning().ioThreads());
        EventLoop replicaLoop = network.workers().next();
        transport = new PeerTransport(config, protocol.codec(), network, new PeerListener());
        runtime = new ReplicaRuntime(createReplica(), protocol.codec(), replicaLoop, transport, traceSink(),
                cause -> {
                    failure = cause.getMessage();
                    LOG.error("replica {} stopped", config.self(), cause);
                    fatal.accept(cause);
                });
        ServerMetrics metrics = new ServerMetrics(() -> this);
        durability = new WalDurability(GroupCommitter.start(storage.wal(), runtime, metrics, "wal-" + config.self()));
        runtime.attach(durability);
        runtime.start(storage.recovered(), config.tickMs());
        transport.start();
        ClientRouter router = new ClientRouter(config.self(), protocol.traits().routing(), runtime, transport,
                network.workers(), config.timeouts());
        ClientIds clientIds = ClientIds.random(config.self());
        resp = new RespServer(config, network, router, this, clientIds, clientStats, metrics);
        resp.start();
        sweeper = new ExpirySweeper(router, runtime::status, network.workers().next(), clientIds, EXPIRY_SWEEP_MS);
        sweeper.start();
        admin = new AdminServer(config, network, this, metrics);
        admin.start();
    }

    private Replica createReplica() {
        ReplicaConfig rc = new ReplicaConfig(config.self(), config.memberIds(), config.tuning().parameters(),
                config.traceOut().isPresent());
        long seed = config.seed().orElseGet(() -> new SecureRandom().nextLong());
        LOG.info("replica {} of {} ({}), seed {}, tick {} ms, fsync {}", config.self(), config.memberIds(),
                config.protocol(), seed, config.tickMs(), config.fsync());
        return protocol.factory().create(rc, seed);
    }

    private TraceSink traceSink() throws IOException {
        if (config.traceOut().isEmpty()) {
            return TraceSink.DROP;
        }
        LOG.info("writing trace to {}", config.traceOut().get());
        return NdjsonTraceWriter.open(config.traceOut().get());
    }

    /** Peer events go to the replica; forwarded client requests run here as if local. */
    private final class PeerListener implements PeerTransport.Listener {
        @Override
        public void onMessage(NodeId from, Message message) {
            runtime.receive(from, message);
        }

        @Override
        public void onForward(NodeId from, RequestId id, Command command, Consumer<Result> respond) {
            ForwardedRequest.serve(runtime, id, command, respond, network.workers(), config.timeouts().requestMs());
        }
    }

    public int clientPort() {
        return resp.port();
    }

    public int adminPort() {
        return admin.port();
    }

    @Override
    public ServerConfig config() {
        return config;
    }

    @Override
    public ReplicaStatus status() {
        return runtime.status();
    }

    @Override
    public List<PeerState> peers() {
        return transport.peers();
    }

    @Override
    public long uptimeMillis() {
        return System.currentTimeMillis() - startMillis;
    }

    @Override
    public long forwardedRequests() {
        return transport.forwardedRequests();
    }

    @Override
    public long peerSentBytes() {
        return transport.sentBytes();
    }

    @Override
    public boolean epoll() {
        return network.epoll();
    }

    @Override
    public RuntimeStats runtimeStats() {
        return runtime.stats();
    }

    @Override
    public ClientStats clientStats() {
        return clientStats;
    }

    @Override
    public Optional<String> truncatedTail() {
        return Optional.ofNullable(truncatedTail);
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops listening, stops the replica, makes submitted records durable, closes the log. */
    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.close();
        }
        quietly(resp);
        quietly(admin);
        quietly(transport);
        if (runtime != null) {
            runtime.close();
        }
        quietly(durability);
        if (network != null) {
            network.close();
        }
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error while closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
