package dev.lockstep.server.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.cli.ClusterLayout;
import dev.lockstep.server.config.ConfigLoader;
import dev.lockstep.server.node.Node;
import dev.lockstep.server.node.TestClusters;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What the client libraries talk to: a 3-replica cluster in this JVM (real sockets on loopback) on
 * {@code -Dlockstep.test.clientsProtocol} (default raft), or, with
 * {@code -Dlockstep.test.clientsAgainst=HOST:PORT}, a real Redis standing in for all three replicas.
 */
final class ClientCluster implements AutoCloseable {
    /** Bounds every client call (connect, read, write). */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final String PROTOCOL = System.getProperty("lockstep.test.clientsProtocol", "raft");
    private static final int REPLICAS = 3;

    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private List<HostAndPort> replicas;
    private ClientResources lettuceResources;

    /**
     * Starts the replicas (their configs and data under {@code dir}) and waits until each serves a write.
     * When this fails part way, {@link #close()} still stops what started.
     */
    void start(Path dir) throws Exception {
        String against = System.getProperty("lockstep.test.clientsAgainst", "").trim();
        if (!against.isEmpty()) { // a control run: the same expectations against a real Redis
            replicas = List.of(HostAndPort.from(against), HostAndPort.from(against), HostAndPort.from(against));
            lettuceResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            System.out.println("client libraries: against " + against + " instead of a Lockstep cluster");
            return;
        }
        List<ClusterLayout.Ports> ports = TestClusters.freePorts(REPLICAS);
        List<Path> configs = TestClusters.configs(dir, PROTOCOL, ports, Map.of("fsync", false,
                "timeouts", Map.of("requestMs", 3_000, "forwardMs", 1_000)));
        for (Path config : configs) {
            nodes.add(Node.start(new ConfigLoader().load(config), ProtocolRegistry.get(PROTOCOL), fatal::add));
        }
        boolean hasLeader = ProtocolRegistry.get(PROTOCOL).traits().hasLeader();
        if (hasLeader) {
            TestClusters.await("a leader among " + REPLICAS + " replicas", 15_000,
                    () -> nodes.stream().anyMatch(n -> n.status().leading()));
        }
        List<Node> order = new ArrayList<>(nodes);
        order.sort((a, b) -> Boolean.compare(a.status().leading(), b.status().leading())); // followers first
        replicas = order.stream().map(n -> new HostAndPort("127.0.0.1", n.clientPort())).toList();
        for (HostAndPort replica : replicas) { // every replica serves writes (a follower knows its leader)
            try (Jedis j = new Jedis(replica, jedisConfig(RedisProtocol.RESP2))) {
                TestClusters.await("a write through " + replica, 10_000, () -> {
                    try {
                        return "OK".equals(j.set("clients:ready", replica.toString()));
                    } catch (JedisDataException e) {
                        if (e.getMessage().startsWith("TRYAGAIN")) {
                            return false;
                        }
                        throw e;
                    }
                });
                j.del("clients:ready");
            }
        }
        lettuceResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        System.out.println("client libraries: " + PROTOCOL + " cluster up, replicas (followers first) " + replicas);
    }

    /** Every replica's client address, followers first: the application talks to the first. */
    List<HostAndPort> replicas() {
        return replicas;
    }

    /** The event loops every Lettuce client of the run shares. */
    ClientResources lettuceResources() {
        return lettuceResources;
    }

    /** Jedis's settings for {@code protocol}, bounded by {@link #CLIENT_TIMEOUT}. */
    static JedisClientConfig jedisConfig(RedisProtocol protocol) {
        return DefaultJedisClientConfig.builder().protocol(protocol)
                .connectionTimeoutMillis((int) CLIENT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) CLIENT_TIMEOUT.toMillis()).build();
    }

    /** Stops the replicas and fails if one of them failed meanwhile. */
    @Override
    public void close() {
        if (lettuceResources != null) {
            lettuceResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
        nodes.forEach(Node::close);
        assertTrue(fatal.isEmpty(), "no replica failed: " + fatal);
    }
}
