package dev.lockstep.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same redis-benchmark command against Redis and against Lockstep (its leader, and once
 * through a follower; or, with {@link BenchPlan#spread}, every replica at once) and collects one
 * {@link Sample} per run. Each test runs as its own redis-benchmark invocation so that the CPU
 * time measured during it belongs to that test. Order per repetition: for each pipeline depth and
 * test, Redis then Lockstep; then the follower runs at the first depth. Around each Lockstep run
 * the replicas' byte counters are read once they have stopped moving ({@link BytesPerOp}), so
 * that a follower still catching up after the last reply is counted in its run.
 */
public final class BenchRun {
    public static final long LEADER_WAIT_MS = 30_000;
    /** How often the byte counters are read while waiting for them to stop moving. */
    static final long QUIET_INTERVAL_MS = 100;
    /** The counters have stopped moving when all replicas together grew less than this in one interval (heartbeats). */
    static final long QUIET_BYTES = 16 << 10;
    /** The longest wait for the counters to stop moving; then they are read as they are. */
    static final long QUIET_WAIT_MS = 5_000;

    /** One redis-benchmark process of a run: the server's name and port, and its share of the load. */
    record Aim(String name, int port, Share share) {}

    private final Path redisBenchmark;
    private final BenchPlan plan;
    private final PrintStream log;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    public BenchRun(Path redisBenchmark, BenchPlan plan, PrintStream log) {
        this.redisBenchmark = redisBenchmark;
        this.plan = plan;
        this.log = log;
    }

    /** Kills the redis-benchmark processes that are running now, if any (from a shutdown hook). */
    public void abort() {
        running.forEach(ChildProcesses::destroyTree);
    }

    /**
     * Warms the cluster up and runs the plan.
     *
     * @param protocol the cluster's protocol, which its samples carry
     * @param redis the Redis to run the same commands against, or empty to measure Lockstep alone
     *     (when an earlier protocol's runs already measured Redis)
     */
    public List<Sample> run(String protocol, Optional<RedisServer> redis, ClusterUnderTest cluster)
            throws IOException, InterruptedException, TimeoutException {
        warmUp(cluster);
        List<Sample> samples = new ArrayList<>();
        Sample.Target lockstep = plan.spread() ? Sample.Target.SPREAD : Sample.Target.LEADER;
        for (int rep = 1; rep <= plan.repeats(); rep++) {
            for (int pipeline : plan.pipelines()) {
                for (String test : plan.tests()) {
                    if (redis.isPresent()) {
                        samples.add(measure(Sample.Target.REDIS, test, pipeline,
                                List.of(new Aim("redis", redis.get().port(), plan.whole())),
                                List.of(redis.get().pid()), Optional.empty(), rep));
                    }
                    Side side = Side.of(protocol, cluster);
                    samples.add(measure(lockstep, test, pipeline, lockstepAims(cluster, side.leader(),
                            plan.requests()), cluster.pids(), Optional.of(side), rep));
                }
            }
            if (plan.viaFollower()) {
                int pipeline = plan.pipelines().get(0);
                for (String test : plan.tests()) {
                    Side side = Side.of(protocol, cluster);
                    ClusterUnderTest.Replica follower = cluster.follower(side.leader());
                    samples.add(measure(Sample.Target.FOLLOWER, test, pipeline,
                            List.of(new Aim(follower.id(), follower.clientPort(), plan.whole())), cluster.pids(),
                            Optional.of(side), rep));
                }
            }
        }
        return samples;
    }

    /** Where a Lockstep run of {@code requests} goes: the leader, or every replica with its share. */
    private List<Aim> lockstepAims(ClusterUnderTest cluster, ClusterUnderTest.Replica leader, int requests) {
        return plan.spread() ? spread(cluster.all(leader), plan.clients(), requests)
                : List.of(new Aim(leader.id(), leader.clientPort(), new Share(plan.clients(), requests)));
    }

    /** One process per replica, {@code clients} and {@code requests} split evenly ({@link Share#split}). */
    static List<Aim> spread(List<ClusterUnderTest.Replica> replicas, int clients, int requests) {
        List<Share> shares = Share.split(clients, requests, replicas.size());
        List<Aim> aims = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            aims.add(new Aim(replicas.get(i).id(), replicas.get(i).clientPort(), shares.get(i)));
        }
        return List.copyOf(aims);
    }

    private void warmUp(ClusterUnderTest cluster) throws IOException, InterruptedException, TimeoutException {
        if (plan.warmupRequests() <= 0) {
            return;
        }
        int deepest = plan.pipelines().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (String test : plan.tests()) {
            ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
            List<Aim> aims = lockstepAims(cluster, leader, plan.warmupRequests());
            log.printf("warm-up: %s -P %d, %d requests to %s (not reported)%n", test, deepest, plan.warmupRequests(),
                    plan.spread() ? "every replica (" + String.join(",", aims.stream().map(Aim::name).toList()) + ")"
                            : "the leader " + leader.id());
            benchmark(aims, test, deepest);
        }
    }

    /** The Lockstep side of a run: the cluster, its protocol and the leader when the run started. */
    private record Side(String protocol, ClusterUnderTest cluster, ClusterUnderTest.Replica leader) {
        static Side of(String protocol, ClusterUnderTest cluster) throws InterruptedException {
            return new Side(protocol, cluster, cluster.leader(LEADER_WAIT_MS));
        }

        /** Checks after a run that the leader it was aimed at still leads in the same term. */
        String note() throws InterruptedException {
            ClusterUnderTest.Replica now = cluster.leader(LEADER_WAIT_MS);
            return now.equals(leader) ? "" : "leader changed during the run (" + leader.id() + " term " + leader.term()
                    + " -> " + now.id() + " term " + now.term() + ")";
        }

        /** The leader's position in member order, or -1. */
        int leaderIndex() {
            List<String> ids = cluster.all(leader).stream().map(ClusterUnderTest.Replica::id).toList();
            return ids.indexOf(leader.id());
        }

        long fsyncs() {
            return cluster.fsyncs();
        }
    }

    /**
     * Every replica's byte counters once they have stopped moving: read every
     * {@link #QUIET_INTERVAL_MS} until all replicas together grew less than {@link #QUIET_BYTES}
     * in one interval, at most {@link #QUIET_WAIT_MS}; empty if some replica does not report them.
     */
    static List<ByteCounters> quietCounters(ClusterUnderTest cluster) throws InterruptedException {
        List<ByteCounters> last = cluster.byteCounters();
        long deadline = System.nanoTime() + QUIET_WAIT_MS * 1_000_000;
        while (!last.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(QUIET_INTERVAL_MS);
            List<ByteCounters> now = cluster.byteCounters();
            if (now.size() != last.size() || ByteCounters.total(now) - ByteCounters.total(last) < QUIET_BYTES) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private Sample measure(Sample.Target target, String test, int pipeline, List<Aim> aims, List<Long> pids,
            Optional<Side> lockstep, int rep) throws IOException, InterruptedException, TimeoutException {
        List<ByteCounters> bytesBefore = lockstep.isPresent() ? quietCounters(lockstep.get().cluster()) : List.of();
        long syncsBefore = lockstep.map(Side::fsyncs).orElse(-1L);
        long[] cpuBefore = cpuNanos(pids);
        List<Measurement> parts = benchmark(aims, test, pipeline);
        long[] cpuAfter = cpuNanos(pids);
        long syncsAfter = lockstep.map(Side::fsyncs).orElse(-1L);
        List<ByteCounters> bytesAfter = lockstep.isPresent() ? quietCounters(lockstep.get().cluster()) : List.of();
        List<Share> shares = aims.stream().map(Aim::share).toList();
        Measurement m = Aggregate.of(shares, parts);
        double cpuPerOp = cpuMicrosPerOp(cpuBefore, cpuAfter, plan.requests());
        double syncsPerOp = syncsBefore < 0 || syncsAfter < 0 ? Double.NaN
                : (syncsAfter - syncsBefore) / (double) plan.requests();
        BytesPerOp bytes = lockstep.isEmpty() ? BytesPerOp.UNKNOWN
                : BytesPerOp.of(bytesBefore, bytesAfter, lockstep.get().leaderIndex(), plan.requests());
        String note = lockstep.isPresent() ? lockstep.get().note() : "";
        if (aims.size() > 1) {
            for (int i = 0; i < aims.size(); i++) {
                Aim a = aims.get(i);
                Measurement p = parts.get(i);
                log.printf(Locale.ROOT, "          %-4s -P %-3d %-8s port %-5d -c %d -n %d: %s ops/s  p50 %s ms  "
                        + "p99 %s ms  in %.3f s%n", p.test(), pipeline, a.name(), a.port(), a.share().clients(),
                        a.share().requests(), ComparisonTable.rate(p.rps()), ComparisonTable.ms(p.p50Ms()),
                        ComparisonTable.ms(p.p99Ms()), Aggregate.seconds(a.share(), p));
            }
        }
        String where = aims.size() == 1 ? String.format(Locale.ROOT, "port %-5d", aims.get(0).port())
                : "ports " + String.join(",", aims.stream().map(a -> Integer.toString(a.port())).toList());
        log.printf(Locale.ROOT, "run %d/%d  %s%-4s -P %-3d %-8s %s %10s ops/s  p50 %7s ms  p99 %7s ms  "
                + "CPU %6s us/op%s  fsyncs/op %s%s%s%n", rep, plan.repeats(),
                lockstep.map(l -> l.protocol() + " ").orElse(""), m.test(), pipeline, target.label(), where,
                ComparisonTable.rate(m.rps()), ComparisonTable.ms(m.p50Ms()), ComparisonTable.ms(m.p99Ms()),
                ComparisonTable.cpu(cpuPerOp), perReplica(cpuBefore, cpuAfter), ComparisonTable.perOp(syncsPerOp),
                lockstep.isEmpty() ? "" : bytesLine(bytes), note.isEmpty() ? "" : "  (" + note + ")");
        return new Sample(lockstep.map(Side::protocol).orElse(""), target, m.test(), pipeline, m, cpuPerOp,
                syncsPerOp, bytes, note);
    }

    /** "  disk 4,160 net 2,790 B/op/replica": the mean bytes per request of one replica. */
    private static String bytesLine(BytesPerOp b) {
        return "  disk " + ComparisonTable.rate(b.disk().mean()) + " net " + ComparisonTable.rate(b.net().mean())
                + " B/op/replica";
    }

    /** Runs one redis-benchmark per aim, all at once, and returns their results in the same order. */
    private List<Measurement> benchmark(List<Aim> aims, String test, int pipeline)
            throws IOException, InterruptedException, TimeoutException {
        List<List<String>> commands = new ArrayList<>();
        for (Aim a : aims) {
            List<String> cmd = new ArrayList<>(List.of(redisBenchmark.toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(a.port())));
            cmd.addAll(plan.arguments(test, pipeline, a.share()));
            commands.add(cmd);
        }
        List<Process> started = new ArrayList<>();
        List<ChildProcesses.Finished> finished;
        try {
            finished = ChildProcesses.runAll(commands, plan.runTimeout(), p -> {
                started.add(p);
                running.add(p);
            });
        } finally {
            started.forEach(running::remove);
        }
        List<Measurement> results = new ArrayList<>();
        for (int i = 0; i < aims.size(); i++) {
            ChildProcesses.Finished f = finished.get(i);
            if (f.exitCode() != 0) {
                throw new IOException("redis-benchmark against " + aims.get(i).name() + " (port " + aims.get(i).port()
                        + ") exited with code " + f.exitCode() + ": " + f.stderr().strip());
            }
            results.add(only(BenchmarkCsv.parse(f.stdout())));
        }
        return results;
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
