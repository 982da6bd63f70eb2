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
 * test, Redis then Lockstep; then the follower runs at the first depth.
 */
public final class BenchRun {
    public static final long LEADER_WAIT_MS = 30_000;

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

    public List<Sample> run(RedisServer redis, ClusterUnderTest cluster)
            throws IOException, InterruptedException, TimeoutException {
        warmUp(cluster);
        List<Sample> samples = new ArrayList<>();
        Sample.Target lockstep = plan.spread() ? Sample.Target.SPREAD : Sample.Target.LEADER;
        for (int rep = 1; rep <= plan.repeats(); rep++) {
            for (int pipeline : plan.pipelines()) {
                for (String test : plan.tests()) {
                    samples.add(measure(Sample.Target.REDIS, test, pipeline,
                            List.of(new Aim("redis", redis.port(), plan.whole())), List.of(redis.pid()), () -> -1,
                            Optional.empty(), rep));
                    ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
                    samples.add(measure(lockstep, test, pipeline, lockstepAims(cluster, leader, plan.requests()),
                            cluster.pids(), cluster::fsyncs, Optional.of(new Watch(cluster, leader)), rep));
                }
            }
            if (plan.viaFollower()) {
                int pipeline = plan.pipelines().get(0);
                for (String test : plan.tests()) {
                    ClusterUnderTest.Replica leader = cluster.leader(LEADER_WAIT_MS);
                    ClusterUnderTest.Replica follower = cluster.follower(leader);
                    samples.add(measure(Sample.Target.FOLLOWER, test, pipeline,
                            List.of(new Aim(follower.id(), follower.clientPort(), plan.whole())), cluster.pids(),
                            cluster::fsyncs, Optional.of(new Watch(cluster, leader)), rep));
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

    /** Checks after a run that the leader it was aimed at still leads in the same term. */
    private record Watch(ClusterUnderTest cluster, ClusterUnderTest.Replica leader) {
        String note() throws InterruptedException {
            ClusterUnderTest.Replica now = cluster.leader(LEADER_WAIT_MS);
            return now.equals(leader) ? "" : "leader changed during the run (" + leader.id() + " term " + leader.term()
                    + " -> " + now.id() + " term " + now.term() + ")";
        }
    }

    private Sample measure(Sample.Target target, String test, int pipeline, List<Aim> aims, List<Long> pids,
            java.util.function.LongSupplier fsyncs, Optional<Watch> watch, int rep)
            throws IOException, InterruptedException, TimeoutException {
        long syncsBefore = fsyncs.getAsLong();
        long[] cpuBefore = cpuNanos(pids);
        List<Measurement> parts = benchmark(aims, test, pipeline);
        long[] cpuAfter = cpuNanos(pids);
        long syncsAfter = fsyncs.getAsLong();
        List<Share> shares = aims.stream().map(Aim::share).toList();
        Measurement m = Aggregate.of(shares, parts);
        double cpuPerOp = cpuMicrosPerOp(cpuBefore, cpuAfter, plan.requests());
        double syncsPerOp = syncsBefore < 0 || syncsAfter < 0 ? Double.NaN
                : (syncsAfter - syncsBefore) / (double) plan.requests();
        String note = watch.isPresent() ? watch.get().note() : "";
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
        log.printf(Locale.ROOT, "run %d/%d  %-4s -P %-3d %-8s %s %10s ops/s  p50 %7s ms  p99 %7s ms  "
                + "CPU %6s us/op%s  fsyncs/op %s%s%n", rep, plan.repeats(), m.test(), pipeline, target.label(), where,
                ComparisonTable.rate(m.rps()), ComparisonTable.ms(m.p50Ms()), ComparisonTable.ms(m.p99Ms()),
                ComparisonTable.cpu(cpuPerOp), perReplica(cpuBefore, cpuAfter), ComparisonTable.perOp(syncsPerOp),
                note.isEmpty() ? "" : "  (" + note + ")");
        return new Sample(target, m.test(), pipeline, m, cpuPerOp, syncsPerOp, note);
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
