package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code lockstep bench} end to end: a clear exit 2 without the Redis tools, and (when
 * bench/install-tools.sh has installed them) a small real run per protocol that leaves no process
 * behind.
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    @Timeout(60)
    void withoutRedisToolsItExitsWith2AndPointsAtTheInstallScript() throws Exception {
        Path emptyPath = Files.createDirectories(dir.resolve("empty-bin"));
        ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "bench")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("PATH", emptyPath.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "bench did not exit");
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("redis-server not found") && out.contains("bench/install-tools.sh"), out);
    }

    static List<String> protocols() {
        return ProtocolRegistry.names();
    }

    @ParameterizedTest
    @MethodSource("protocols")
    @Timeout(180)
    void aSmallRunComparesBothAndStopsEverythingItStarted(String protocol) throws Exception {
        assumeTrue(Executables.find("redis-server").isPresent() && Executables.find("redis-benchmark").isPresent(),
                "redis-server/redis-benchmark not installed (bench/install-tools.sh)");
        Path md = dir.resolve("table.md");
        int code = Main.execute("bench", "--protocol", protocol, "-n", "2000", "-c", "10", "-P", "1,4", "--warmup", "0",
                "--markdown", md.toString(), "--jvm-opt", "-Xmx128m", "--jvm-opt", "-XX:TieredStopAtLevel=1");
        assertEquals(0, code);
        String table = Files.readString(md);
        int replicas = ProtocolRegistry.get(protocol).traits().sizes().local();
        List<String> rows = new java.util.ArrayList<>(List.of("| SET | 1 | leader |", "| GET | 1 | leader |",
                "| SET | 4 | leader |", "| GET | 4 | leader |"));
        if (replicas > 1) {
            rows.addAll(List.of("| SET | 1 | follower |", "| GET | 1 | follower |"));
        }
        for (String row : rows) {
            assertTrue(table.contains(row), "missing " + row + " in\n" + table);
        }
        assertTrue(table.contains("appendfsync always"), table);
        assertTrue(table.contains(replicas + " " + protocol + " replica"), "the setup names the protocol:\n" + table);
        assertTrue(table.contains("| " + protocol + " | SET | 1 | leader |"), "a bytes row:\n" + table);
        assertNothingLeftRunning();
    }

    /**
     * Two protocols in one run: one Redis run per test and depth, both clusters compared with it,
     * and their bytes side by side; 4 KB values, so the erasure-coded protocol's log grows by
     * less than Raft's per SET (a shard per replica, about 1/d of the value).
     */
    @Test
    @Timeout(300)
    void twoProtocolsShareOneRedisRunAndReportBytesPerSet() throws Exception {
        assumeTrue(Executables.find("redis-server").isPresent() && Executables.find("redis-benchmark").isPresent(),
                "redis-server/redis-benchmark not installed (bench/install-tools.sh)");
        String second = ProtocolRegistry.find("rspaxos").isPresent() ? "rspaxos" : "multipaxos";
        Path md = dir.resolve("two.md");
        int code = Main.execute("bench", "--protocol", "raft," + second, "-t", "set", "-n", "2000", "-c", "10", "-P",
                "1", "-d", "4096", "--warmup", "0", "--no-follower", "--markdown", md.toString(), "--jvm-opt",
                "-Xmx128m", "--jvm-opt", "-XX:TieredStopAtLevel=1");
        String report = Files.exists(md) ? Files.readString(md) : "(no report)";
        assertEquals(0, code, report);
        assertEquals(2, report.lines().filter(l -> l.startsWith("| raft | SET | 1 | leader |")).count(),
                "raft has a row in the comparison with Redis and one in the bytes table:\n" + report);
        String bytes = report.substring(report.indexOf("### Bytes per request"));
        double raft = diskPerSet(bytes, "raft");
        double other = diskPerSet(bytes, second);
        assertTrue(raft >= 4096, "Raft logs the whole value on every replica: " + raft + "\n" + report);
        if (second.equals("rspaxos")) {
            assertTrue(other < 0.8 * raft, "one shard per replica: " + other + " vs " + raft + "\n" + report);
        }
        assertTrue(bytes.contains("| disk vs raft | net vs raft |"), bytes);
        assertNothingLeftRunning();
    }

    /** The "disk B/op/replica" cell of {@code protocol}'s SET -P 1 row of the bytes table. */
    private static double diskPerSet(String bytesTable, String protocol) {
        String row = bytesTable.lines().filter(l -> l.startsWith("| " + protocol + " | SET | 1 | leader |")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + protocol + " row in\n" + bytesTable));
        return Double.parseDouble(row.split("\\|")[7].strip().replace(",", ""));
    }

    private static void assertNothingLeftRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().orElse("?")).toList(), "processes left running");
    }
}
