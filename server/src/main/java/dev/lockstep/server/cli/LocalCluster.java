package dev.lockstep.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.bench.PrometheusText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster whose replicas are child JVMs on this host: writes one config per replica
 * ({@link ClusterLayout}), starts one {@link ReplicaProcess} each, finds the leader through the
 * admin {@code /status} endpoints, and stops every child (SIGTERM, then SIGKILL after a grace
 * period). The code path of both {@code cluster} and {@code bench}.
 */
public final class LocalCluster implements AutoCloseable {
    private static final long STOP_GRACE_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to lay out and run the cluster. */
    public record Options(String protocol, int replicas, int basePort, Path data, String host, int tickMs,
            boolean fsync, boolean trace, List<String> jvmOptions, Map<String, Object> extraConfig) {
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
            extraConfig = Map.copyOf(extraConfig);
        }
    }

    /**
     * The replica clients reach first: the one that reported itself leader, and in which term;
     * for a protocol without a leader, the first replica (term 0).
     */
    public record Leader(int index, String id, long term) {}

    private final Options options;
    private final List<ClusterLayout.Ports> ports;
    private final List<ReplicaProcess> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private LocalCluster(Options options) {
        this.options = options;
        this.ports = ClusterLayout.derived(options.basePort(), options.replicas());
    }

    /** Writes the configs and starts every replica; on failure, whatever started is stopped. */
    public static LocalCluster start(Options options) throws IOException {
        LocalCluster cluster = new LocalCluster(options);
        try {
            cluster.launch();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void launch() throws IOException {
        Path data = options.data().toAbsolutePath();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tickMs", options.tickMs());
        extra.put("fsync", options.fsync());
        extra.putAll(options.extraConfig());
        List<Path> configs = ClusterLayout.write(data, "local", options.protocol(), options.host(), ports, extra);
        for (int i = 0; i < options.replicas(); i++) {
            String id = "n" + (i + 1);
            List<String> args = options.trace()
                    ? List.of("--trace-out", data.resolve(id + ".trace.ndjson").toString()) : List.of();
            children.add(new ReplicaProcess(id, configs.get(i), data.resolve(id + ".log"), options.jvmOptions(), args));
        }
        for (ReplicaProcess child : children) {
            child.start();
        }
    }

    public List<ReplicaProcess> children() {
        return List.copyOf(children);
    }

    public List<ClusterLayout.Ports> ports() {
        return ports;
    }

    /** The folder of the configs, data and logs. */
    public Path data() {
        return options.data().toAbsolutePath();
    }

    public void printLayout(PrintStream out) {
        out.printf("started %d %s %s (configs, data and logs in %s):%n", options.replicas(), options.protocol(),
                options.replicas() == 1 ? "replica" : "replicas",
                options.data().toAbsolutePath());
        for (int i = 0; i < children.size(); i++) {
            ClusterLayout.Ports p = ports.get(i);
            out.printf("  %-3s pid %-7d client %d  peer %d  admin http://%s:%d/  log %s%n", children.get(i).id(),
                    children.get(i).pid(), p.client(), p.peer(), options.host(), p.admin(), children.get(i).log());
        }
    }

    /** True when the cluster's protocol has a leader (its registry traits say so). */
    public boolean hasLeader() {
        return ProtocolRegistry.get(options.protocol()).traits().hasLeader();
    }

    /**
     * Polls until the cluster can serve: a replica reports itself leader or, for a protocol
     * without a leader, every replica answers; empty after {@code timeoutMs} or when every child
     * has exited.
     */
    public Optional<Leader> awaitLeader(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        boolean withLeader = hasLeader();
        while (System.nanoTime() < deadline) {
            Optional<Leader> leader = withLeader ? leader() : allUp();
            if (leader.isPresent()) {
                return leader;
            }
            if (children.stream().noneMatch(ReplicaProcess::alive)) {
                return Optional.empty();
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** Replica n1 once every replica answers its {@code /status}. */
    private Optional<Leader> allUp() {
        for (int i = 0; i < ports.size(); i++) {
            if (status(i).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Leader(0, "n1", 0));
    }

    /** The leader with the highest term among the replicas that answer right now. */
    public Optional<Leader> leader() {
        Leader best = null;
        for (int i = 0; i < ports.size(); i++) {
            Optional<JsonNode> s = status(i);
            if (s.isPresent() && "leader".equals(s.get().path("role").asText())) {
                long term = s.get().path("term").asLong();
                if (best == null || term > best.term()) {
                    best = new Leader(i, s.get().path("id").asText(), term);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Replica {@code i}'s {@code /status} document, or empty if it does not answer. */
    public Optional<JsonNode> status(int i) {
        try {
            HttpRequest req = HttpRequest.newBuilder(
                    URI.create("http://" + options.host() + ":" + ports.get(i).admin() + "/status"))
                    .timeout(Duration.ofMillis(1_000)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? Optional.of(JSON.readTree(resp.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A counter or gauge of replica {@code i}'s Prometheus {@code /metrics} (the first sample
     * whose name is exactly {@code name}), or empty if it does not answer.
     */
    public java.util.OptionalDouble metric(int i, String name) {
        return metrics(i).map(text -> PrometheusText.value(text, name)).orElse(java.util.OptionalDouble.empty());
    }

    /** Replica {@code i}'s {@code /metrics} text (Prometheus exposition format), or empty if it does not answer. */
    public Optional<String> metrics(int i) {
        try {
            HttpRequest req = HttpRequest.newBuilder(
                    URI.create("http://" + options.host() + ":" + ports.get(i).admin() + "/metrics"))
                    .timeout(Duration.ofMillis(2_000)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? Optional.of(resp.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Reports children as they exit; returns 1 once all have exited. */
    public int watch(PrintStream out) throws InterruptedException {
        List<ReplicaProcess> running = new ArrayList<>(children);
        while (!running.isEmpty()) {
            Thread.sleep(500);
            for (ReplicaProcess child : List.copyOf(running)) {
                if (!child.alive()) {
                    out.printf("%s exited with code %d; see %s%n", child.id(), child.exitCode(), child.log());
                    running.remove(child);
                }
            }
        }
        return 1;
    }

    /** SIGTERM to every replica at once, then waits; a replica still running after the grace period is killed. */
    @Override
    public void close() {
        children.forEach(ReplicaProcess::terminate);
        for (ReplicaProcess child : children) {
            try {
                child.stop(STOP_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                children.forEach(ReplicaProcess::destroyNow);
                return;
            }
        }
    }
}
