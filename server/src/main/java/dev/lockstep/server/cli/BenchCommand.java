package dev.lockstep.server.cli;

import dev.lockstep.server.bench.BenchPlan;
import dev.lockstep.server.bench.BenchRun;
import dev.lockstep.server.bench.BenchmarkReport;
import dev.lockstep.server.bench.BytesTable;
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
import java.util.HashSet;
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
 * same redis-benchmark command against both, and prints a side-by-side table, and a table of
 * the bytes each replica wrote to disk and sent to its peers per request. The Lockstep load
 * goes to the leader, or with {@code --spread} to every replica at once (one redis-benchmark per
 * replica); {@code --keys} picks the key distribution. With several protocols
 * ({@code --protocol raft,rspaxos}) each gets its own cluster in turn and the same runs; Redis
 * is measured once, alongside the first protocol that completes its runs. Everything it started
 * is stopped at the end, on failure and on Ctrl-C.
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

    @Option(names = "--replicas", description = "Lockstep replicas of every cluster (default: the protocol's, 3 for "
            + "most; 1 for repnothing)")
    Integer replicas;

    @Option(names = "--protocol", defaultValue = "raft", split = ",", paramLabel = "PROTOCOL",
            description = "replication protocol, or several comma-separated (e.g. raft,rspaxos): each runs in its own "
                    + "cluster in turn, with the same runs, reported side by side (default: ${DEFAULT-VALUE})")
    List<String> protocols;

    @Option(names = "--base-port", defaultValue = "0",
            description = "Lockstep client ports from here (peer +100, admin +200; every protocol's cluster in turn); "
                    + "0 = find free ports")
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
        if (protocols.isEmpty() || new HashSet<>(protocols).size() < protocols.size()) {
            return Optional.of("--protocol needs one or more different protocols, got " + protocols);
        }
        noFollower |= spread;
        for (String protocol : protocols) {
            Optional<String> problem = checkProtocol(protocol, replicasOf(protocol));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Why {@code protocol} with {@code size} replicas cannot run this benchmark, if it cannot. */
    private Optional<String> checkProtocol(String protocol, int size) {
        if (spread && (clients < size || requests < size || (warmup > 0 && warmup < size))) {
            return Optional.of("--spread runs one redis-benchmark per replica: -c, -n and --warmup (unless 0) must be "
                    + "at least the number of replicas (" + size + (protocols.size() > 1 ? " for " + protocol : "")
                    + ")");
        }
        return ClusterCommand.checkLayout(protocol, size, basePort == 0 ? 1 : basePort);
    }

    /** {@code --replicas}, or the protocol's own local cluster size. */
    private int replicasOf(String protocol) {
        return replicas != null ? replicas
                : dev.lockstep.core.ProtocolRegistry.find(protocol).map(p -> p.traits().sizes().local()).orElse(3);
    }

    /** The runs; through a follower only where there is one (and not with --spread or --no-follower). */
    private BenchPlan plan(boolean viaFollower) {
        return new BenchPlan(tests, pipelines, requests, clients, dataSize, keys, repeat, viaFollower, spread, warmup,
                Duration.ofSeconds(runTimeoutSeconds));
    }

    private int benchmark(Path redisServer, Path redisBenchmark)
            throws IOException, InterruptedException, TimeoutException {
        workDir = Files.createTempDirectory("lockstep-bench-");
        String loadBefore = BenchmarkReport.loadAverage();
        List<Sample> samples = new ArrayList<>();
        List<BenchmarkReport.Cluster> ran = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String protocol : protocols) {
            boolean redisMeasured = samples.stream().anyMatch(x -> x.target() == Sample.Target.REDIS);
            try {
                samples.addAll(benchmarkProtocol(protocol, redisServer, redisBenchmark, !redisMeasured));
                ran.add(new BenchmarkReport.Cluster(protocol, replicasOf(protocol)));
            } catch (IOException | TimeoutException | IllegalStateException | IllegalArgumentException e) {
                if (protocols.size() == 1 || cleanedUp.get()) {
                    throw e;
                }
                failures.add(protocol + " failed: " + e.getMessage());
                System.err.println("lockstep bench: " + protocol + " failed: " + e.getMessage()
                        + "; going on with the other protocols");
                printLogErrors();
            } finally {
                stopCluster();
            }
        }
        if (ran.isEmpty()) {
            throw new IllegalStateException(String.join("; ", failures));
        }
        boolean viaFollower = !noFollower && ran.stream().anyMatch(c -> c.replicas() > 1);
        BenchmarkReport report = new BenchmarkReport(plan(viaFollower), ran, jvmOptions, tuning,
                BenchmarkReport.version(redisServer), loadBefore, BenchmarkReport.loadAverage(),
                ComparisonTable.of(samples), BytesTable.of(samples));
        printReport(report, failures);
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Starts {@code protocol}'s cluster (and Redis, the first time), runs the plan against it
     * (and Redis when {@code withRedis}), and leaves the cluster running for {@link #stopCluster}.
     */
    private List<Sample> benchmarkProtocol(String protocol, Path redisServer, Path redisBenchmark, boolean withRedis)
            throws IOException, InterruptedException, TimeoutException {
        int size = replicasOf(protocol);
        int base = basePort != 0 ? basePort : freeBasePort(size);
        cluster = LocalCluster.start(new LocalCluster.Options(protocol, size, base, clusterDir(protocol), "127.0.0.1",
                tickMs, true, false, jvmOptions, tuning.isEmpty() ? Map.of() : Map.of("tuning", tuning)));
        cluster.printLayout(System.out);
        LocalClusterView view = new LocalClusterView(cluster);
        ClusterUnderTest.Replica leader = view.leader(BenchRun.LEADER_WAIT_MS);
        printLeader(leader);
        boolean first = redis == null;
        if (first) {
            startRedis(redisServer);
        }
        if (spread) {
            System.out.printf("spread: one redis-benchmark per replica (%s) at once, -c %d and -n %d split "
                    + "between them; no run through a follower%n", String.join(",", view.all(leader).stream()
                    .map(ClusterUnderTest.Replica::id).toList()), clients, requests);
        }
        BenchPlan plan = plan(!noFollower && size > 1);
        if (first) {
            System.out.println("keys: " + plan.keyDistribution());
        }
        run = new BenchRun(redisBenchmark, plan, System.out);
        return run.run(protocol, withRedis ? Optional.of(redis) : Optional.empty(), view);
    }

    /** The cluster's folder: {@code cluster}, or {@code cluster-<protocol>} when there are several. */
    private Path clusterDir(String protocol) {
        return workDir.resolve(protocols.size() == 1 ? "cluster" : "cluster-" + protocol);
    }

    private void printLeader(ClusterUnderTest.Replica leader) {
        if (cluster.hasLeader()) {
            System.out.printf("leader: %s (term %d); fsync on%n", leader.id(), leader.term());
        } else if (!spread) {
            System.out.printf("no leader: \"leader\" rows go to %s, \"follower\" rows to another replica; fsync on%n",
                    leader.id());
        } else {
            System.out.println("no leader: every replica takes its clients' requests itself; fsync on");
        }
    }

    private void startRedis(Path redisServer) throws IOException, InterruptedException {
        Path redisDir = Files.createDirectories(workDir.resolve("redis"));
        redis = RedisServer.start(redisServer, freePort(), redisDir);
        System.out.printf("redis-server pid %d port %d (appendonly yes, appendfsync always) in %s%n", redis.pid(),
                redis.port(), redisDir);
    }

    private void printReport(BenchmarkReport report, List<String> failures) throws IOException {
        String failed = failures.isEmpty() ? "" : "\n" + String.join("\n", failures) + "\n";
        System.out.println();
        System.out.print(report.text() + failed);
        if (markdown != null) {
            Files.writeString(markdown, report.markdown() + failed);
            System.out.println("wrote " + markdown.toAbsolutePath());
        }
    }

    /** Stops the current protocol's cluster and, unless --keep-data, deletes its folder. */
    private void stopCluster() {
        LocalCluster c = cluster;
        cluster = null;
        if (c != null) {
            c.close();
            if (!keepData && !cleanedUp.get()) {
                deleteTree(c.data());
            }
        }
    }

    /**
     * The last lines of each replica's log that name an error, on stderr: the cluster's folder
     * is deleted next unless --keep-data.
     */
    private void printLogErrors() {
        LocalCluster c = cluster;
        if (c == null) {
            return;
        }
        for (ReplicaProcess child : c.children()) {
            try (Stream<String> lines = Files.lines(child.log())) {
                List<String> errors = lines.filter(l -> l.contains("ERROR") || l.contains("Exception")).toList();
                errors.subList(Math.max(0, errors.size() - 3), errors.size())
                        .forEach(l -> System.err.println("  " + child.id() + ": " + l));
            } catch (IOException | java.io.UncheckedIOException e) {
                System.err.println("  " + child.id() + ": no log (" + e.getMessage() + ")");
            }
        }
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
}
