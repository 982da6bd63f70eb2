package dev.lockstep.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same redis-benchmark command against Redis and against Lockstep (its leader, and once
 * through a follower) and collects one {@link Sample} per run. Each test runs as its own
 * redis-benchmark invocation so that the CPU time measured during it belongs to that test.
 * Order per repetition: for each pipeline depth and test, Redis then the Lockstep leader; then
 * the follower runs at the first depth.
 */
public final class BenchRun {
    public static final long LEADER_WAIT_MS = 30_000;

    /**
     * @param tests redis-benchmark test names ({@code set}, {@code get}, ...)
     * @param warmupRequests requests per test sent to the Lockstep leader at the deepest pipeline
     *     before measuring (JIT warm-up; not reported); 0 for none
     */
    public record Plan(List<String> tests, List<Integer> pipelines, int requests, int clients, int dataSize,
            int repeats, boolean viaFollower, int warmupRequests, Duration runTimeout) {
        public Plan {
            tests = List.copyOf(tests);
            pipelines = List.copyOf(pipelines);
        }

        /** The redis-benchmark arguments of one run (after the program and the port). */
        List<String> arguments(String test, int pipeline, int n) {
            return List.of("-t", test, "-n", Integer.toString(n), "-c", Integer.toString(clients), "-d",
                    Integer.toString(dataSize), "-P", Integer.toString(pipeline), "--csv");
        }
    }

    private final Path redisBenchmark;
    private final Plan plan;
    private final PrintStream log;
    private volatile Process running;

    public BenchRun(Path redisBenchmark, Plan plan, PrintStream log) {
        this.redisBenchmark = redisBenchmark;
        this.plan = plan;
        this.log = log;
    }

    /** Kills the redis-benchmark that is running now, if any (from a shutdown hook). */
    public void abort() {
        ChildProcesses.destroyTree(running);
    }

    public List<Sample> run(RedisServer redis, ClusterUnderTest cluster)
            throws IOException, InterruptedException, TimeoutException {
        warmUp(cluster);
        List<Sample> samples = new ArrayList<>();
        for (int rep = 1; rep <= plan.repeats(); rep++) {
            for (int pipeline : plan.pipelines()) {
                for (String test : plan.tests()) {
                    samples.add(measure(Sample.Target.REDIS, test, pipeline, redis.port(), List.of(redis.pid()),
                            () -> -1, Optional.empty(), rep));
                    ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
                    samples.add(measure(Sample.Target.LEADER, test, pipeline, leader.clientPort(), cluster.pids(),
                            cluster::fsyncs, Optional.of(new Watch(cluster, leader)), rep));
                }
            }
            if (plan.viaFollower()) {
                int pipeline = plan.pipelines().get(0);
                for (String test : plan.tests()) {
                    ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
                    ClusterUnderTest.Replica follower = cluster.follower(leader);
                    samples.add(measure(Sample.Target.FOLLOWER, test, pipeline, follower.clientPort(),
                            cluster.pids(), cluster::fsyncs, Optional.of(new Watch(cluster, leader)), rep));
                }
            }
        }
        return samples;
    }

    private void warmUp(ClusterUnderTest cluster) throws IOException, InterruptedException, TimeoutException {
        if (plan.warmupRequests() <= 0) {
            return;
        }
        int deepest = plan.pipelines().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (String test : plan.tests()) {
            ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
            log.printf("warm-up: %s -P %d, %d requests to the leader %s (not reported)%n", test, deepest,
                    plan.warmupRequests(), leader.id());
            benchmark(leader.clientPort(), plan.arguments(test, deepest, plan.warmupRequests()));
        }
    }

    /** Checks after a run that the leader it was aimed at still leads in the same term. */
    private record Watch(ClusterUnderTest cluster, ClusterUnderTest.Replica leader) {
        String note() throws InterruptedException {
            ClusterUnderTest.Replica now = cluster.leader(LEADER_WAIT_MS);
            return now.equals(leader) ? "" : "leader changed during the run (" + leader.id() + " term " + leader.term()
                    + " -> " + now.id() + " term " + now.term() + ")";
        }
    }

    private Sample measure(Sample.Target target, String test, int pipeline, int port, List<Long> pids,
            java.util.function.LongSupplier fsyncs, Optional<Watch> watch, int rep) throws IOException, InterruptedException, TimeoutException {
        long syncsBefore = fsyncs.getAsLong();
        long[] cpuBefore = cpuNanos(pids);
        Measurement m = only(benchmark(port, plan.arguments(test, pipeline, plan.requests())));
        long[] cpuAfter = cpuNanos(pids);
        long syncsAfter = fsyncs.getAsLong();
        double cpuPerOp = cpuMicrosPerOp(cpuBefore, cpuAfter, plan.requests());
        double syncsPerOp = syncsBefore < 0 || syncsAfter < 0 ? Double.NaN
                : (syncsAfter - syncsBefore) / (double) plan.requests();
        String note = watch.isPresent() ? watch.get().note() : "";
        log.printf(Locale.ROOT, "run %d/%d  %-4s -P %-3d %-8s port %-5d %10s ops/s  p50 %7s ms  p99 %7s ms  "
                + "CPU %6s us/op%s  fsyncs/op %s%s%n", rep, plan.repeats(), m.test(), pipeline, target.label(), port,
                ComparisonTable.rate(m.rps()), ComparisonTable.ms(m.p50Ms()), ComparisonTable.ms(m.p99Ms()),
                ComparisonTable.cpu(cpuPerOp), perReplica(cpuBefore, cpuAfter), ComparisonTable.perOp(syncsPerOp),
                note.isEmpty() ? "" : "  (" + note + ")");
        return new Sample(target, m.test(), pipeline, m, cpuPerOp, syncsPerOp, note);
    }

    private List<Measurement> benchmark(int port, List<String> arguments)
            throws IOException, InterruptedException, TimeoutException {
        List<String> cmd = new ArrayList<>(List.of(redisBenchmark.toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port)));
        cmd.addAll(arguments);
        ChildProcesses.Finished f = ChildProcesses.run(cmd, plan.runTimeout(), p -> running = p);
        running = null;
        if (f.exitCode() != 0) {
            throw new IOException("redis-benchmark exited with code " + f.exitCode() + ": " + f.stderr().strip());
        }
        return BenchmarkCsv.parse(f.stdout());
    }

    private static Measurement only(List<Measurement> results) {
        if (results.size() != 1) {
            throw new IllegalArgumentException("expected one result line, got " + results);
        }
        return results.get(0);
    }

    private static long[] cpuNanos(List<Long> pids) {
        long[] out = new long[pids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ChildProcesses.cpuTime(pids.get(i)).map(Duration::toNanos).orElse(-1L);
        }
        return out;
    }

    /** " (n1 10.2, n2 5.7, n3 5.8)": CPU us/op of each replica process, when there are several. */
    private String perReplica(long[] before, long[] after) {
        if (before.length < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        for (int i = 0; i < before.length; i++) {
            double us = cpuMicrosPerOp(new long[] {before[i]}, new long[] {after[i]}, plan.requests());
            sb.append(i == 0 ? "" : ", ").append('n').append(i + 1).append(' ').append(ComparisonTable.cpu(us));
        }
        return sb.append(')').toString();
    }

    static double cpuMicrosPerOp(long[] before, long[] after, int requests) {
        long total = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] < 0 || after[i] < 0) {
                return Double.NaN;
            }
            total += after[i] - before[i];
        }
        return total / 1_000.0 / requests;
    }
}
