package dev.lockstep.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ProtocolRegistry;
import java.io.IOException;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster}: writes one config per replica, starts one JVM per replica, prints how to
 * connect, waits for a leader, and stops every child on Ctrl-C/SIGTERM. Children also exit on
 * their own if this process is killed (they watch their stdin).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a local cluster: one replica process per member, on consecutive ports.")
final class ClusterCommand implements Callable<Integer> {
    private static final long LEADER_WAIT_MS = 30_000;

    @Option(names = "--protocol", defaultValue = "raft", description = "replication protocol (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--replicas", defaultValue = "3", description = "number of replicas (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--base-port", defaultValue = "7001",
            description = "client ports from here; peer ports +100, admin ports +200 (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--data", defaultValue = "lockstep-data", description = "configs, data and logs (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address every replica binds to")
    String host;

    @Option(names = "--tick-ms", defaultValue = "10", description = "milliseconds per protocol tick")
    int tickMs;

    @Option(names = "--no-fsync", description = "skip fsync (NOT durable; for benchmarks)")
    boolean noFsync;

    @Option(names = "--trace", description = "write each replica's trace to <data>/n<i>.trace.ndjson")
    boolean trace;

    @Option(names = "--jvm-opt", paramLabel = "OPT", description = "option for each replica JVM (repeatable)")
    List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));

    @Override
    public Integer call() throws Exception {
        if (ProtocolRegistry.find(protocol).isEmpty()) {
            System.err.println("lockstep: unknown protocol '" + protocol + "' (known: "
                    + String.join(", ", ProtocolRegistry.names()) + ")");
            return 2;
        }
        if (replicas < 1 || replicas > 99 || basePort < 1 || basePort + 200 + replicas > 65535) {
            System.err.println("lockstep: need 1..99 replicas and ports that fit below 65536");
            return 2;
        }
        List<ClusterLayout.Ports> ports = ClusterLayout.derived(basePort, replicas);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tickMs", tickMs);
        extra.put("fsync", !noFsync);
        List<Path> configs = ClusterLayout.write(data.toAbsolutePath(), "local", protocol, host, ports, extra);
        List<ReplicaProcess> children = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String id = "n" + (i + 1);
            List<String> args = trace ? List.of("--trace-out", data.resolve(id + ".trace.ndjson").toAbsolutePath().toString())
                    : List.of();
            children.add(new ReplicaProcess(id, configs.get(i), data.resolve(id + ".log").toAbsolutePath(), jvmOptions, args));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(children), "stop-replicas"));
        for (ReplicaProcess child : children) {
            child.start();
        }
        printLayout(children, ports);
        awaitLeader(ports, children);
        return watch(children);
    }

    private void printLayout(List<ReplicaProcess> children, List<ClusterLayout.Ports> ports) {
        System.out.printf("started %d %s replicas (configs, data and logs in %s):%n", replicas, protocol,
                data.toAbsolutePath());
        for (int i = 0; i < children.size(); i++) {
            ClusterLayout.Ports p = ports.get(i);
            System.out.printf("  %-3s pid %-7d client %d  peer %d  admin http://%s:%d/  log %s%n", children.get(i).id(),
                    children.get(i).pid(), p.client(), p.peer(), host, p.admin(), children.get(i).log());
        }
        System.out.printf("connect with: redis-cli -p %d   (any replica; followers forward to the leader)%n",
                ports.get(0).client());
        System.out.println("stop with Ctrl-C");
    }

    private void awaitLeader(List<ClusterLayout.Ports> ports, List<ReplicaProcess> children) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < LEADER_WAIT_MS) {
            for (ClusterLayout.Ports p : ports) {
                Optional<JsonNode> status = status(http, p.admin());
                if (status.isPresent() && "leader".equals(status.get().path("role").asText())) {
                    System.out.printf("leader elected: %s (term %d) after %d ms%n", status.get().path("id").asText(),
                            status.get().path("term").asLong(), (System.nanoTime() - start) / 1_000_000);
                    return;
                }
            }
            if (children.stream().noneMatch(ReplicaProcess::alive)) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("no leader elected within " + LEADER_WAIT_MS / 1000 + " s; check the logs");
    }

    private Optional<JsonNode> status(HttpClient http, int adminPort) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + adminPort + "/status"))
                    .timeout(Duration.ofMillis(500)).build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return resp.statusCode() == 200 ? Optional.of(new ObjectMapper().readTree(resp.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Reports children that exit; returns (1) once all have exited. */
    private static int watch(List<ReplicaProcess> children) throws InterruptedException {
        List<ReplicaProcess> running = new ArrayList<>(children);
        while (!running.isEmpty()) {
            Thread.sleep(500);
            for (ReplicaProcess child : List.copyOf(running)) {
                if (!child.alive()) {
                    System.out.printf("%s exited with code %d; see %s%n", child.id(), child.exitCode(), child.log());
                    running.remove(child);
                }
            }
        }
        return 1;
    }

    private static void stopAll(List<ReplicaProcess> children) {
        children.forEach(ReplicaProcess::terminate);
        for (ReplicaProcess child : children) {
            try {
                child.stop(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
