package dev.lockstep.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.server.node.TestClusters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the command line, and the launcher's children dying with it. */
@Timeout(90)
class MainTest {
    @TempDir
    Path dir;

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBadConfigExitsWith2AndNamesTheField() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "replicaId: n1\nclusterId: c\nprotocol: raft\ndataDir: d\ntickMs: -1\n"
                + "members: {n1: {peer: 'localhost:1', clientPort: 2, adminPort: 3}}\n");
        int[] code = new int[1];
        String err = stderrOf(() -> code[0] = Main.execute("server", "--config", config.toString()));
        assertEquals(2, code[0]);
        assertTrue(err.contains("tickMs: -1 is out of range"), err);
    }

    @Test
    void usageErrorsExitWith2() {
        int[] code = new int[1];
        stderrOf(() -> code[0] = Main.execute());
        assertEquals(2, code[0], "no subcommand");
        stderrOf(() -> code[0] = Main.execute("server"));
        assertEquals(2, code[0], "missing --config");
        stderrOf(() -> code[0] = Main.execute("cluster", "--protocol", "nope"));
        assertEquals(2, code[0], "unknown protocol");
    }

    @Test
    void theReplSplitsWordsAndQuotedStrings() {
        assertEquals(List.of("SET", "k", "two words", ""), ClientCommand.split(" SET  k \"two words\" \"\""));
    }

    /** Three free consecutive-by-100 ports for a one-replica `cluster --base-port`. */
    private static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + (int) (Math.random() * 30_000);
            if (free(base) && free(base + 100) && free(base + 200)) {
                return base;
            }
        }
        throw new IOException("no free base port found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void whenTheClusterLauncherIsKilledItsReplicasExitToo() throws Exception {
        int base = freeBasePort();
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "cluster", "--replicas", "1", "--base-port", Integer.toString(base),
                "--data", dir.resolve("data").toString(), "--no-fsync", "--jvm-opt", "-Xmx128m",
                "--jvm-opt", "-XX:TieredStopAtLevel=1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.out").toFile()).start();
        try {
            TestClusters.await("the replica's admin port", 60_000, () -> {
                var r = TestClusters.get(base + 200, "/status");
                return r != null && r.statusCode() == 200 && r.body().contains("\"role\" : \"leader\"");
            });
            List<ProcessHandle> children = launcher.descendants().toList();
            assertEquals(1, children.size(), "one replica process: " + children);
            TestClusters.await("the launcher to report the leader", 20_000, () -> {
                try {
                    return Files.readString(dir.resolve("launcher.out")).contains("leader elected: n1");
                } catch (IOException e) {
                    return false;
                }
            });
            launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs in the launcher
            launcher.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle child = children.get(0);
            TestClusters.await("the orphaned replica to exit", 20_000, () -> !child.isAlive());
            assertTrue(Files.readString(dir.resolve("data").resolve("n1.log")).contains("parent process gone"));
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
