package dev.lockstep.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's result as text and Markdown: what ran (the exact redis-benchmark arguments,
 * both setups, the machine's cores and load average), the {@link ComparisonTable} and, when
 * there is one, the {@link BytesTable}.
 */
public final class BenchmarkReport {

    /** One Lockstep cluster the benchmark ran: its protocol and size. */
    public record Cluster(String protocol, int replicas) {
        boolean leaderless() {
            return dev.lockstep.core.ProtocolRegistry.find(protocol).map(p -> !p.traits().hasLeader()).orElse(false);
        }

        /** "3 raft replicas", "1 repnothing replica". */
        String describe() {
            return replicas + " " + protocol + (replicas == 1 ? " replica" : " replicas");
        }
    }

    private final BenchPlan plan;
    private final List<Cluster> clusters;
    private final List<String> jvmOptions;
    private final Map<String, Integer> tuning;
    private final String redisVersion;
    private final String loadBefore;
    private final String loadAfter;
    private final ComparisonTable table;
    private final BytesTable bytes;

    /** One protocol, without a bytes table. */
    public BenchmarkReport(BenchPlan plan, int replicas, String protocol, List<String> jvmOptions,
            Map<String, Integer> tuning, String redisVersion, String loadBefore, String loadAfter, ComparisonTable table) {
        this(plan, List.of(new Cluster(protocol, replicas)), jvmOptions, tuning, redisVersion, loadBefore, loadAfter,
                table, BytesTable.of(List.of()));
    }

    /** @param clusters the Lockstep clusters in the order they ran, one per protocol */
    public BenchmarkReport(BenchPlan plan, List<Cluster> clusters, List<String> jvmOptions,
            Map<String, Integer> tuning, String redisVersion, String loadBefore, String loadAfter, ComparisonTable table,
            BytesTable bytes) {
        this.plan = plan;
        this.clusters = List.copyOf(clusters);
        this.bytes = bytes;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.tuning = new LinkedHashMap<>(tuning);
        this.redisVersion = redisVersion;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
        this.table = table;
    }

    private List<String> setup() {
        String pipelines = String.join(",", plan.pipelines().stream().map(String::valueOf).toList());
        return List.of(
                "command: redis-benchmark -h 127.0.0.1 -p PORT -t TEST -n " + plan.requests() + " -c " + plan.clients()
                        + " -d " + plan.dataSize() + " -P DEPTH" + (plan.keys() > 0 ? " -r " + plan.keys() : "")
                        + " --csv   (TEST in " + String.join(",", plan.tests()) + "; DEPTH in " + pipelines + "; "
                        + plan.repeats() + " run(s) each, median shown)",
                "keys: " + plan.keyDistribution(),
                "Lockstep: " + String.join(", then ", clusters.stream().map(Cluster::describe).toList())
                        + (clusters.size() > 1 ? " (one cluster at a time, the same runs against each)" : "")
                        + " on this host, fsync on, replica JVM options "
                        + String.join(" ", jvmOptions) + (tuning.isEmpty() ? ", default tuning" : ", tuning " + tuning)
                        + (plan.warmupRequests() > 0 ? "; warmed up with " + plan.warmupRequests()
                        + " requests per test" + (plan.spread() ? " spread the same way" : "") : ""),
                "clients: " + clients(),
                "Redis: " + redisVersion + ", appendonly yes, appendfsync always, save \"\"",
                "machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average before "
                        + loadBefore + ", after " + loadAfter,
                "CPU us/op: user+system CPU time of the server processes (all Lockstep replicas, or redis-server) "
                        + "per request; redis-benchmark's own CPU is not counted. fsyncs/op: write-ahead log syncs of "
                        + "all Lockstep replicas per request");
    }

    /** Where the load went: all of it to one replica, or spread over every replica. */
    private String clients() {
        if (!plan.spread()) {
            boolean leaderless = clusters.stream().anyMatch(c -> c.leaderless() && c.replicas() > 1);
            return "one redis-benchmark process with all clients against Redis, then one against the Lockstep leader"
                    + (plan.viaFollower() ? " (and once against a follower)" : "")
                    + (leaderless ? " (no leader: \"leader\" rows go to n1, \"follower\" rows to"
                    + " another replica, each taking requests itself)" : "");
        }
        List<String> splits = clusters.stream().map(Cluster::replicas).distinct().map(this::split).toList();
        return "spread: one redis-benchmark process per Lockstep replica, all at once (" + String.join("; ", splits)
                + "); Redis: one process with all clients (-c " + plan.clients() + " -n " + plan.requests()
                + "); no run through a follower";
    }

    /** "-c 4 -n 6667, -c 4 -n 6667, -c 4 -n 6666", prefixed by the replica count when the clusters differ in size. */
    private String split(int replicas) {
        List<Share> shares = Share.split(plan.clients(), plan.requests(), replicas);
        String each = String.join(", ", shares.stream().map(x -> "-c " + x.clients() + " -n " + x.requests()).toList());
        boolean sizesDiffer = clusters.stream().map(Cluster::replicas).distinct().count() > 1;
        return sizesDiffer ? replicas + " replicas: " + each : each;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String line : setup()) {
            sb.append(line).append('\n');
        }
        sb.append('\n').append(table.text());
        if (!bytes.isEmpty()) {
            sb.append("\nBytes per request (disk and network, per replica)\n\n").append(bytes.text());
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("## Lockstep vs Redis (redis-benchmark)\n\n");
        for (String line : setup()) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append('\n').append(table.markdown());
        if (!bytes.isEmpty()) {
            sb.append("\n### Bytes per request (disk and network, per replica)\n\n").append(bytes.markdown());
        }
        return sb.toString();
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code redis-server --version}'s first words, or "unknown version". */
    public static String version(Path redisServer) {
        try {
            ChildProcesses.Finished f = ChildProcesses.run(List.of(redisServer.toString(), "--version"),
                    Duration.ofSeconds(10), p -> { });
            String out = f.stdout().strip();
            int build = out.indexOf(" sha=");
            return build > 0 ? out.substring(0, build) : out;
        } catch (IOException | TimeoutException e) {
            return "unknown version";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown version";
        }
    }
}
