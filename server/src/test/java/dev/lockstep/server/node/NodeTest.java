package dev.lockstep.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Traits;
import dev.lockstep.server.cli.ClusterLayout;
import dev.lockstep.server.config.ConfigLoader;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.runtime.DataDirectory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A real node in this JVM (real write-ahead log, real sockets) driven with Jedis: the client API,
 * restart recovery, tracing, the admin endpoints, and the bounded no-leader answer, each for every
 * protocol of {@link ProtocolRegistry}.
 */
@Timeout(60)
class NodeTest {
    @TempDir
    Path dir;
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
        assertTrue(fatal.isEmpty(), "no replica failed: " + fatal);
    }

    static List<String> protocols() {
        return ProtocolRegistry.names();
    }

    private ServerConfig config(String protocol, List<ClusterLayout.Ports> ports, Map<String, Object> extra)
            throws Exception {
        return new ConfigLoader().load(TestClusters.configs(dir, protocol, ports, extra).get(0));
    }

    private Node start(ServerConfig config) throws Exception {
        Node node = Node.start(config, ProtocolRegistry.get(config.protocol()), fatal::add);
        nodes.add(node);
        return node;
    }

    /** A single replica that can serve: for a protocol with a leader, once it leads. */
    private static Node awaitReady(Node node, String protocol) throws InterruptedException {
        if (traits(protocol).hasLeader()) {
            TestClusters.await("a leader", 10_000, () -> node.status().leading());
        }
        return node;
    }

    private static Traits traits(String protocol) {
        return ProtocolRegistry.get(protocol).traits();
    }

    /** INFO's and /status's role of a single replica that serves. */
    private static String servingRole(String protocol) {
        return traits(protocol).hasLeader() ? "leader" : "replica";
    }

    private static Map<String, Object> quick() {
        return Map.of("fsync", false, "timeouts", Map.of("requestMs", 2000, "forwardMs", 500));
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void aSingleReplicaServesTheRedisApiOverRealSockets(String protocol) throws Exception {
        Node node = awaitReady(start(config(protocol, TestClusters.freePorts(1), quick())), protocol);
        try (Jedis jedis = new Jedis("127.0.0.1", node.clientPort(), 5_000)) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.set("k", "v"));
            assertEquals("v", jedis.get("k"));
            assertNull(jedis.get("nope"));
            assertEquals(5, jedis.incrBy("n", 5));
            assertEquals("OK", jedis.mset("a", "1", "b", "2"));
            assertEquals(List.of("1", "2"), jedis.mget("a", "b"));
            assertEquals("OK", SafeEncoder.encode((byte[]) jedis.sendCommand(Protocol.Command.SET, "a", "10", "IFEQ", "1")));
            assertEquals("10", jedis.get("a"));
            assertNull(jedis.sendCommand(Protocol.Command.SET, "a", "11", "IFEQ", "1"), "a failed CAS is nil");
            Transaction t = jedis.multi();
            t.incr("n");
            t.set("c", "3");
            t.get("c");
            assertEquals(List.of(6L, "OK", "3"), t.exec());
            assertEquals(2, jedis.del("a", "c", "nope"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.incr("k"));
            assertEquals("ERR value is not an integer or out of range", e.getMessage());
            assertTrue(jedis.info("replication").contains("role:" + servingRole(protocol)));
        }
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void dataSurvivesARestartFromTheSameDirectory(String protocol) throws Exception {
        ServerConfig config = config(protocol, TestClusters.freePorts(1), Map.of("fsync", true));
        Node first = awaitReady(start(config), protocol);
        try (Jedis jedis = new Jedis("127.0.0.1", first.clientPort(), 5_000)) {
            for (int i = 0; i < 50; i++) {
                jedis.set("k" + i, "v" + i);
            }
            jedis.incrBy("counter", 42);
        }
        first.close();
        nodes.remove(first);
        Node second = awaitReady(start(config), protocol);
        try (Jedis jedis = new Jedis("127.0.0.1", second.clientPort(), 5_000)) {
            assertEquals("v0", jedis.get("k0"));
            assertEquals("v49", jedis.get("k49"));
            assertEquals(43, jedis.incr("counter"));
        }
        assertEquals(Optional.empty(), second.truncatedTail());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void traceOutWritesNumberedNdjsonInExecutedOrder(String protocol) throws Exception {
        Path trace = dir.resolve("trace.ndjson");
        ServerConfig config = config(protocol, TestClusters.freePorts(1), quick()).withTraceOut(Optional.of(trace));
        Node node = awaitReady(start(config), protocol);
        try (Jedis jedis = new Jedis("127.0.0.1", node.clientPort(), 5_000)) {
            jedis.set("k", "v");
        }
        node.close();
        nodes.remove(node);
        List<String> lines = Files.readAllLines(trace);
        assertTrue(lines.size() >= 2, "the write's actions at least (and an election, where there is one): " + lines);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertEquals(i + 1, line.get("i").asInt());
            assertTrue(line.hasNonNull("action"));
        }
        // The action that takes a client's request: EPaxos's coordinator proposes an instance, and
        // RSPaxos's leader proposes the request's value (RSPaxos.tla's Propose).
        String takes = traits(protocol).order() == Traits.ExecutionOrder.PARTIAL || protocol.equals("rspaxos")
                ? "Propose" : "ClientRequest";
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"action\":\"" + takes + "\"")), lines.toString());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void adminEndpointsServeMetricsStatusAndThePage(String protocol) throws Exception {
        Node node = awaitReady(start(config(protocol, TestClusters.freePorts(1), quick())), protocol);
        try (Jedis jedis = new Jedis("127.0.0.1", node.clientPort(), 5_000)) {
            jedis.set("k", "v");
            jedis.get("k");
        }
        HttpResponse<String> metrics = TestClusters.get(node.adminPort(), "/metrics");
        assertEquals(200, metrics.statusCode());
        boolean leader = traits(protocol).hasLeader();
        boolean log = traits(protocol).order() != Traits.ExecutionOrder.PARTIAL;
        List<String> expected = new java.util.ArrayList<>(List.of(
                "lockstep_requests_total{command=\"set\",outcome=\"ok\"} 1.0",
                "lockstep_request_duration_seconds_bucket", "lockstep_wal_batch_records_bucket",
                "lockstep_wal_fsync_duration_seconds_count",
                "lockstep_peers_connected 0.0", "lockstep_is_leader " + (leader ? "1.0" : "0.0")));
        // A log has a commit index; a partial order (EPaxos) counts instances and executions instead.
        expected.addAll(log ? List.of("lockstep_commit_index ", "lockstep_applied_index ")
                : List.of("lockstep_instances ", "lockstep_executed "));
        expected.add(leader ? "lockstep_role{role=\"leader\"} 1.0" : "lockstep_role{role=\"replica\"} 1.0");
        if (leader) {
            expected.add("lockstep_term ");
        }
        for (String name : expected) {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }
        assertEquals(leader, metrics.body().contains("lockstep_term "), "a term only where there is a leader");
        HttpResponse<String> status = TestClusters.get(node.adminPort(), "/status");
        JsonNode json = new ObjectMapper().readTree(status.body());
        assertEquals(servingRole(protocol), json.get("role").asText());
        assertEquals(leader ? "n1" : "null", json.get("leader").asText());
        assertTrue(json.get(log ? "commitIndex" : "executed").asLong() >= 1, status.body());
        assertEquals("*", status.headers().firstValue("access-control-allow-origin").orElse(""));
        HttpResponse<String> page = TestClusters.get(node.adminPort(), "/");
        assertTrue(page.body().contains("<title>Lockstep cluster</title>"));
        assertEquals(404, TestClusters.get(node.adminPort(), "/nope").statusCode());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void withoutTheReplicasItNeedsAClientGetsTryAgainWithinTheRequestTimeout(String protocol) throws Exception {
        assumeTrue(traits(protocol).sizes().allows(3), protocol + " does not run with 3 replicas");
        Map<String, Object> extra = Map.of("fsync", false, "timeouts", Map.of("requestMs", 800, "forwardMs", 200));
        Node lonely = start(config(protocol, TestClusters.freePorts(3), extra)); // n2 and n3 never start
        try (Jedis jedis = new Jedis("127.0.0.1", lonely.clientPort(), 10_000)) {
            long start = System.nanoTime();
            JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.set("k", "v"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().startsWith("TRYAGAIN"), e.getMessage());
            assertTrue(ms >= 500 && ms < 3_000, "bounded wait, took " + ms + " ms");
            assertEquals("PONG", jedis.ping(), "the connection keeps working");
        }
    }

    @Test
    void aDataDirectoryOfAnotherClusterIsRefused() throws Exception {
        ServerConfig config = config("raft", TestClusters.freePorts(1), quick());
        Files.createDirectories(config.dataDir());
        Files.writeString(config.dataDir().resolve("identity.json"),
                "{\"clusterId\":\"elsewhere\",\"replicaId\":\"n1\",\"protocol\":\"raft\"}");
        DataDirectory.StartupException e = assertThrows(DataDirectory.StartupException.class, () -> start(config));
        assertTrue(e.getMessage().contains("belongs to clusterId 'elsewhere', but the configuration says 'test'"),
                e.getMessage());
    }
}
