package dev.lockstep.server.cli;

import dev.lockstep.server.bench.BenchPlan;
import dev.lockstep.server.bench.BenchRun;
import dev.lockstep.server.bench.BenchmarkReport;
import dev.lockstep.server.bench.ClusterUnderTest;
import dev.lockstep.server.bench.ComparisonTable;
import dev.lockstep.server.bench.Executables;
import dev.lockstep.server.bench.RedisServer;
import dev.lockstep.server.bench.Sample;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: starts a local Lockstep cluster with fsync on (the {@code cluster} code path,
 * in a fresh temporary folder) and a local redis-server with {@code appendfsync always}, runs the
 * same redis-benchmark command against both, and prints a side-by-side table. The Lockstep load
 * goes to the leader, or with {@code --spread} to every replica at once (one redis-benchmark per
 * replica); {@code --keys} picks the key distribution. Everything it started is stopped at the
 * end, on failure and on Ctrl-C.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark a local Lockstep cluster (fsync on) against a local Redis (appendfsync always) "
                + "with redis-benchmark.")
final class BenchCommand implements Callable<Integer> {
    static final String INSTALL_HINT = "run bench/install-tools.sh (installs the Debian packages redis-server and "
            + "redis-tools)";

    @Option(names = {"-n", "--requests"}, defaultValue = "200000", description = "requests per run (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = {"-c", "--clients"}, defaultValue = "50", description = "parallel connections (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = {"-d", "--data-size"}, defaultValue = "100", description = "value size in bytes (default: ${DEFAULT-VALUE})")
    int dataSize;

    @Option(names = {"-P", "--pipelines"}, defaultValue = "1,16", split = ",",
            description = "pipeline depths, one set of runs each (default: ${DEFAULT-VALUE})")
    List<Integer> pipelines;

    @Option(names = {"-t", "--tests"}, defaultValue = "set,get", split = ",",
            description = "redis-benchmark tests (default: ${DEFAULT-VALUE})")
    List<String> tests;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "0", description = "each request uses a random key "
            + "among N (redis-benchmark -r N; e.g. 1000000: low conflict); 0 (default): every request uses the one "
            + "key key:__rand_int__ (highest conflict)")
    int keys;

    @Option(names = "--spread", description = "aim one redis-benchmark per replica at all replicas at once, -c and -n "
            + "split evenly (non-leaders forward to a leader if the protocol has one); implies --no-follower; "
            + "Redis still gets one process with all clients")
    boolean spread;

    @Option(names = "--repeat", defaultValue = "1", description = "runs per measurement; the table shows medians")
    int repeat;

    @Option(names = "--warmup", defaultValue = "200000",
            description = "requests per test sent to the leader (with --spread: to all replicas) before measuring "
                    + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--no-follower", description = "skip the run through a follower (forwarding cost)")
    boolean noFollower;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the table and the setup as Markdown")
    Path markdown;

    @Option(names = "--replicas", description = "Lockstep replicas (default: the protocol's, 3 for most; 1 for repnothing)")
    Integer replicas;

    @Option(names = "--protocol", defaultValue = "raft", description = "replication protocol (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--base-port", defaultValue = "0",
            description = "Lockstep client ports from here (peer +100, admin +200); 0 = find free ports")
    int basePort;

    @Option(names = "--tick-ms", defaultValue = "10", description = "milliseconds per protocol tick")
    int tickMs;

    @Option(names = "--jvm-opt", paramLabel = "OPT", description = "option for each replica JVM (repeatable; "
            + "replaces the defaults of `cluster`)")
    List<String> jvmOptions = new ArrayList<>(ClusterCommand.DEFAULT_JVM_OPTIONS);

    @Option(names = "--tuning", paramLabel = "KEY=VALUE", description = "a `tuning` field of every replica's "
            + "configuration (repeatable), e.g. --tuning maxInflight=4; see docs/operations.md")
    Map<String, Integer> tuning = new java.util.LinkedHashMap<>();

    @Option(names = "--run-timeout", defaultValue = "600", description = "seconds one redis-benchmark run may take")
    int runTimeoutSeconds;

    @Option(names = "--keep-data", description = "keep the temporary folder (configs, logs, data) and print it")
    boolean keepData;

    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private volatile BenchRun run;
    private volatile RedisServer redis;
    private volatile LocalCluster cluster;
    private volatile Path workDir;

    @Override
    public Integer call() throws Exception {
        Optional<Path> redisServer = Executables.find("redis-server");
        Optional<Path> redisBenchmark = Executables.find("redis-benchmark");
        if (redisServer.isEmpty() || redisBenchmark.isEmpty()) {
            System.err.println("lockstep bench: " + (redisServer.isEmpty() ? "redis-server" : "redis-benchmark")
                    + " not found on PATH; " + INSTALL_HINT);
            return 2;
        }
        Optional<String> problem = checkOptions();
        if (problem.isPresent()) {
            System.err.println("lockstep bench: " + problem.get());
            return 2;
        }
        Thread hook = new Thread(this::cleanUp, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return benchmark(redisServer.get(), redisBenchmark.get());
        } catch (IOException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
            if (cleanedUp.get()) {
                System.err.println("lockstep bench: interrupted; stopped the replicas, redis-server and redis-benchmark");
                return 130;
            }
            System.err.println("lockstep bench: failed: " + e.getMessage());
            return 1;
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    private Optional<String> checkOptions() {
        if (requests < 1 || clients < 1 || dataSize < 1 || repeat < 1 || warmup < 0 || runTimeoutSeconds < 1
                || keys < 0) {
            return Optional.of("-n, -c, -d, --repeat and --run-timeout must be positive, --warmup and --keys >= 0");
        }
        if (pipelines.isEmpty() || pipelines.stream().anyMatch(p -> p < 1) || tests.isEmpty()) {
            return Optional.of("need at least one test and pipeline depths >= 1");
        }
        if (replicas == null) {
            replicas = dev.lockstep.core.ProtocolRegistry.find(protocol).map(p -> p.traits().sizes().local()).orElse(3);
        }
        if (spread && (clients < replicas || requests < replicas || (warmup > 0 && warmup < replicas))) {
            return Optional.of("--spread runs one redis-benchmark per replica: -c, -n and --warmup (unless 0) must be "
                    + "at least the number of replicas (" + replicas + ")");
        }
        if (replicas < 2 || spread) {
            noFollower = true;
        }
        return ClusterCommand.checkLayout(protocol, replicas, basePort == 0 ? 1 : basePort);
    }

    private int benchmark(Path redisServer, Path redisBenchmark)
            throws IOException, InterruptedException, TimeoutException {
        workDir = Files.createTempDirectory("lockstep-bench-");
        Path redisDir = Files.createDirectories(workDir.resolve("redis"));
        int base = basePort != 0 ? basePort : freeBasePort(replicas);
        String loadBefore = BenchmarkReport.loadAverage();
        cluster = LocalCluster.start(new LocalCluster.Options(protocol, replicas, base, workDir.resolve("cluster"),
                "127.0.0.1", tickMs, true, false, jvmOptions, tuning.isEmpty() ? Map.of() : Map.of("tuning", tuning)));
        cluster.printLayout(System.out);
        ClusterView view = new ClusterView(cluster);
        ClusterUnderTest.Replica leader = view.leader(BenchRun.LEADER_WAIT_MS);
        if (cluster.hasLeader()) {
            System.out.printf("leader: %s (term %d); fsync on%n", leader.id(), leader.term());
        } else if (!spread) {
            System.out.printf("no leader: \"leader\" rows go to %s, \"follower\" rows to another replica; fsync on%n",
                    leader.id());
        } else {
            System.out.println("no leader: every replica takes its clients' requests itself; fsync on");
        }
        redis = RedisServer.start(redisServer, freePort(), redisDir);
        System.out.printf("redis-server pid %d port %d (appendonly yes, appendfsync always) in %s%n", redis.pid(),
                redis.port(), redisDir);
        if (spread) {
            System.out.printf("spread: one redis-benchmark per replica (%s) at once, -c %d and -n %d split "
                    + "between them; no run through a follower%n", String.join(",", view.all(leader).stream()
                    .map(ClusterUnderTest.Replica::id).toList()), clients, requests);
        }
        BenchPlan plan = new BenchPlan(tests, pipelines, requests, clients, dataSize, keys, repeat, !noFollower,
                spread, warmup, Duration.ofSeconds(runTimeoutSeconds));
        System.out.println("keys: " + plan.keyDistribution());
        run = new BenchRun(redisBenchmark, plan, System.out);
        List<Sample> samples = run.run(redis, view);
        ComparisonTable table = ComparisonTable.of(samples);
        BenchmarkReport report = new BenchmarkReport(plan, replicas, protocol, jvmOptions, tuning,
                BenchmarkReport.version(redisServer), loadBefore, BenchmarkReport.loadAverage(), table);
        System.out.println();
        System.out.print(report.text());
        if (markdown != null) {
            Files.writeString(markdown, report.markdown());
            System.out.println("wrote " + markdown.toAbsolutePath());
        }
        return 0;
    }

    /** Stops what this command started; idempotent (the finally block and the shutdown hook both call it). */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        BenchRun r = run;
        if (r != null) {
            r.abort();
        }
        RedisServer s = redis;
        if (s != null) {
            s.close();
        }
        LocalCluster c = cluster;
        if (c != null) {
            c.close();
        }
        Path dir = workDir;
        if (dir != null) {
            if (keepData) {
                System.out.println("kept configs, logs and data in " + dir);
            } else {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("lockstep bench: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** A base port whose client, peer and admin ports are all free now. */
    static int freeBasePort(int replicas) throws IOException {
        for (int base = 27_001; base + 200 + replicas < 65_535; base += 10) {
            boolean allFree = true;
            for (ClusterLayout.Ports p : ClusterLayout.derived(base, replicas)) {
                allFree &= free(p.client()) && free(p.peer()) && free(p.admin());
            }
            if (allFree) {
                return base;
            }
        }
        throw new IOException("no free range of ports found");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return s.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The local cluster as the benchmark sees it. */
    private record ClusterView(LocalCluster cluster) implements ClusterUnderTest {
        @Override
        public Replica leader(long timeoutMs) throws InterruptedException {
            LocalCluster.Leader l = cluster.awaitLeader(timeoutMs)
                    .orElseThrow(() -> new IllegalStateException("no Lockstep leader within " + timeoutMs + " ms"));
            return new Replica(l.id(), cluster.ports().get(l.index()).client(), l.term());
        }

        @Override
        public Replica follower(Replica leader) {
            List<ClusterLayout.Ports> ports = cluster.ports();
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).client() == leader.clientPort()) {
                    int f = (i + 1) % ports.size();
                    return new Replica("n" + (f + 1), ports.get(f).client(), leader.term());
                }
            }
            throw new IllegalStateException("leader " + leader + " is not a member");
        }

        @Override
        public List<Replica> all(Replica leader) {
            List<ClusterLayout.Ports> ports = cluster.ports();
            List<Replica> all = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                all.add(new Replica("n" + (i + 1), ports.get(i).client(), leader.term()));
            }
            return List.copyOf(all);
        }

        @Override
        public long fsyncs() {
            long total = 0;
            for (int i = 0; i < cluster.ports().size(); i++) {
                java.util.OptionalDouble n = cluster.metric(i, "lockstep_wal_fsync_duration_seconds_count");
                if (n.isEmpty()) {
                    return -1;
                }
                total += (long) n.getAsDouble();
            }
            return total;
        }

        @Override
        public List<Long> pids() {
            return cluster.children().stream().map(ReplicaProcess::pid).toList();
        }
    }
}
