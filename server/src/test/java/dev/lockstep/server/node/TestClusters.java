package dev.lockstep.server.node;

import dev.lockstep.server.cli.ClusterLayout;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers for tests that run replicas on loopback: free ports, config files, HTTP, waiting. */
public final class TestClusters {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private TestClusters() {}

    /** Ports the OS just handed out as free (a later bind may still race another process). */
    public static List<ClusterLayout.Ports> freePorts(int replicas) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < replicas * 3; i++) {
                sockets.add(new ServerSocket(0));
            }
            List<ClusterLayout.Ports> ports = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                ports.add(new ClusterLayout.Ports(sockets.get(3 * i).getLocalPort(),
                        sockets.get(3 * i + 1).getLocalPort(), sockets.get(3 * i + 2).getLocalPort()));
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** Config files for {@code ports.size()} Raft replicas in {@code dir}, with extra top-level fields. */
    public static List<Path> configs(Path dir, List<ClusterLayout.Ports> ports, Map<String, Object> extra)
            throws IOException {
        return configs(dir, "raft", ports, extra);
    }

    /** Config files for {@code ports.size()} replicas of {@code protocol} in {@code dir}, with extra fields. */
    public static List<Path> configs(Path dir, String protocol, List<ClusterLayout.Ports> ports,
            Map<String, Object> extra) throws IOException {
        return ClusterLayout.write(dir, "test", protocol, "127.0.0.1", ports, extra);
    }

    /** GET http://127.0.0.1:port/path, or null if it failed. */
    public static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
