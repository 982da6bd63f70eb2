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
 * both setups, the machine's cores and load average) and the {@link ComparisonTable}.
 */
public final class BenchmarkReport {
    private final BenchPlan plan;
    private final int replicas;
    private final boolean leaderless;
    private final String protocol;
    private final List<String> jvmOptions;
    private final Map<String, Integer> tuning;
    private final String redisVersion;
    private final String loadBefore;
    private final String loadAfter;
    private final ComparisonTable table;

    public BenchmarkReport(BenchPlan plan, int replicas, String protocol, List<String> jvmOptions,
            Map<String, Integer> tuning, String redisVersion, String loadBefore, String loadAfter, ComparisonTable table) {
        this.plan = plan;
        this.replicas = replicas;
        this.leaderless = dev.lockstep.core.ProtocolRegistry.find(protocol).map(p -> !p.traits().hasLeader()).orElse(false);
        this.protocol = protocol;
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
                "Lockstep: " + replicas + " " + protocol + (replicas == 1 ? " replica" : " replicas")
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
            return "one redis-benchmark process with all clients against Redis, then one against the Lockstep leader"
                    + (plan.viaFollower() ? " (and once against a follower)" : "")
                    + (leaderless && replicas > 1 ? " (no leader: \"leader\" rows go to n1, \"follower\" rows to"
                    + " another replica, each taking requests itself)" : "");
        }
        List<Share> shares = Share.split(plan.clients(), plan.requests(), replicas);
        String each = String.join(", ", shares.stream().map(x -> "-c " + x.clients() + " -n " + x.requests()).toList());
        return "spread: one redis-benchmark process per Lockstep replica, all at once (" + each + "); Redis: one "
                + "process with all clients (-c " + plan.clients() + " -n " + plan.requests() + "); no run through "
                + "a follower";
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String line : setup()) {
            sb.append(line).append('\n');
        }
        sb.append('\n').append(table.text());
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("## Lockstep vs Redis (redis-benchmark)\n\n");
        for (String line : setup()) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append('\n').append(table.markdown());
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
