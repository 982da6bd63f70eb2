package dev.lockstep.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.cli.ClusterLayout;
import dev.lockstep.server.cli.ReplicaProcess;
import dev.lockstep.server.node.TestClusters;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster of separate JVMs on loopback running one protocol, for tests: free ports, one
 * config and log per replica in a folder, kill -9 / SIGTERM / restart per replica. Children also
 * exit by themselves when this JVM dies (they watch their stdin), so a crashed test leaves
 * nothing.
 */
final class ProcessCluster implements AutoCloseable {
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    private final Path dir;
    private final boolean hasLeader;
    private final List<ClusterLayout.Ports> ports;
    private final List<ReplicaProcess> replicas = new ArrayList<>();

    ProcessCluster(Path dir, String protocol, int size, Map<String, Object> extra) throws IOException {
        this.dir = dir;
        this.hasLeader = ProtocolRegistry.get(protocol).traits().hasLeader();
        this.ports = TestClusters.freePorts(size);
        List<Path> configs = TestClusters.configs(dir, protocol, ports, extra);
        for (int i = 0; i < size; i++) {
            String id = "n" + (i + 1);
            replicas.add(new ReplicaProcess(id, configs.get(i), dir.resolve(id + ".log"), JVM, List.of()));
        }
    }

    int size() {
        return replicas.size();
    }

    void startAll() throws IOException {
        for (int i = 0; i < size(); i++) {
            start(i);
        }
    }

    void start(int i) throws IOException {
        replicas.get(i).start();
    }

    /** SIGKILL: a crash, nothing flushed. */
    void kill(int i) throws InterruptedException {
        replicas.get(i).kill();
    }

    /** SIGTERM and wait: a clean shutdown. */
    void stop(int i) throws InterruptedException {
        replicas.get(i).stop(10_000);
    }

    boolean alive(int i) {
        return replicas.get(i).alive();
    }

    int clientPort(int i) {
        return ports.get(i).client();
    }

    Path dataDir(int i) {
        return dir.resolve("n" + (i + 1));
    }

    String log(int i) throws IOException {
        Path log = replicas.get(i).log();
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The replica's /status, or empty when it does not answer. */
    Optional<JsonNode> status(int i) {
        HttpResponse<String> r = TestClusters.get(ports.get(i).admin(), "/status");
        if (r == null || r.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectMapper().readTree(r.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until every running replica answers and, for a protocol with a leader, one of them
     * leads; returns the leader's index, or without a leader the first running replica's.
     */
    int awaitLeader(long timeoutMs) throws InterruptedException {
        int[] leader = {-1};
        TestClusters.await((hasLeader ? "a leader among " : "every running one of ") + size() + " replicas",
                timeoutMs, () -> {
            for (int i = 0; i < size(); i++) {
                if (!alive(i)) {
                    continue;
                }
                Optional<JsonNode> s = status(i);
                if (s.isEmpty()) {
                    return false;
                }
                if (hasLeader ? s.get().path("role").asText().equals("leader") : leader[0] < 0) {
                    leader[0] = i;
                }
            }
            return leader[0] >= 0;
        });
        return leader[0];
    }

    String describe() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            sb.append("n").append(i + 1).append(alive(i) ? " running" : " stopped")
                    .append(status(i).map(s -> " " + s.toString()).orElse("")).append('\n');
        }
        return sb.toString();
    }

    /** Stops every replica (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        replicas.forEach(ReplicaProcess::terminate);
        try {
            for (ReplicaProcess r : replicas) {
                r.stop(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the children still exit when this JVM does (stdin EOF)
        }
    }
}
