package dev.lockstep.sim;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Simulator throughput on one thread: replica steps (events fed to replicas) and simulated
 * events per wall-clock second, over consecutive seeds with every fault kind, with and without
 * the per-step invariant check. Rates are given per wall second and per CPU second of the
 * benchmark thread (the latter is what one core does, even on a busy machine).
 * Usage: {@code SimBench [protocol] [seconds per measurement]}.
 */
public final class SimBench {
    private SimBench() {}

    public static void main(String[] args) {
        Protocol protocol = ProtocolRegistry.get(args.length > 0 ? args[0] : "raft");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        measure(protocol, new Simulation.Settings(false, false, false), seconds / 2, "warm-up");
        measure(protocol, new Simulation.Settings(false, false, false), seconds, "simulation only");
        measure(protocol, new Simulation.Settings(false, false, true), seconds, "+ linearizability check");
        measure(protocol, Simulation.Settings.DEFAULT, seconds, "+ invariants every step");
        measure(protocol, new Simulation.Settings(true, true, true), seconds, "+ tracing");
    }

    private static void measure(Protocol protocol, Simulation.Settings settings, double seconds, String label) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long steps = 0;
        long events = 0;
        int runs = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            SimOptions o = ScenarioGenerator.fromSeed(protocol, ScenarioGenerator.runSeed(1, runs), EnumSet.allOf(FaultKind.class),
                    ScenarioGenerator.DEFAULT_OPS);
            RunResult r = Simulation.run(protocol, o, settings);
            steps += r.replicaSteps();
            events += r.simEvents();
            runs++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "%-28s %4d runs, %5.1fs wall %5.1fs cpu: per wall s %,9.0f steps %,9.0f events"
                + " | per cpu s %,9.0f steps %,9.0f events | %5.1f cpu ms/run%n",
                label, runs, elapsed, cpu, steps / elapsed, events / elapsed, steps / cpu, events / cpu, 1000 * cpu / runs);
    }
}
