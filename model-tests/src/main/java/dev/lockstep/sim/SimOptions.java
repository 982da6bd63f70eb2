package dev.lockstep.sim;

import dev.lockstep.core.Parameters;
import java.util.Set;

/**
 * Every option of one simulated run. {@link ScenarioGenerator#fromSeed} derives all of them from
 * the seed (TigerBeetle VOPR style); the seed also drives every random choice during the run, so
 * the same options give the same run.
 *
 * @param tickMs simulated ms per replica tick
 * @param parameters the protocol's own parameters (its registry entry's parameter set)
 * @param clocks each node's clock rate and offset
 * @param faultPhaseMs length of the faults phase; everything heals at this time
 * @param livenessMs after healing: bound for requests outstanding at the heal to complete (and,
 *     with a leader, for one to exist), and then for any client operation to make progress
 * @param scheduleGiven the schedule came from {@code --schedule}/jqwik rather than the seed
 */
public record SimOptions(
        long seed,
        int clusterSize,
        int tickMs,
        Parameters parameters,
        Profiles.Network network,
        Profiles.Disk disk,
        Profiles.Clocks clocks,
        Profiles.Workload workload,
        Set<FaultKind> faults,
        FaultSchedule schedule,
        boolean scheduleGiven,
        long faultPhaseMs,
        long livenessMs) {

    public SimOptions {
        faults = Set.copyOf(faults);
        if (clusterSize < 1) {
            throw new IllegalArgumentException("cluster size must be positive");
        }
        if (clocks.ratePpm().size() != clusterSize) {
            throw new IllegalArgumentException("one clock per node");
        }
    }

    public SimOptions withSchedule(FaultSchedule given) {
        return new SimOptions(seed, clusterSize, tickMs, parameters, network, disk, clocks, workload, faults, given,
                true, faultPhaseMs, livenessMs);
    }

    /** The same run with clients that end their sessions every {@code k} answered operations. */
    public SimOptions withEndSessionEvery(int k) {
        return new SimOptions(seed, clusterSize, tickMs, parameters, network, disk, clocks,
                workload.withEndSessionEvery(k), faults, schedule, scheduleGiven, faultPhaseMs, livenessMs);
    }

    /**
     * The same run without clock faults: every clock at true rate and no clock jumps. For a
     * protocol that does not read time, the run is then exactly the same.
     */
    public SimOptions withoutClockFaults() {
        Set<FaultKind> kinds = new java.util.HashSet<>(faults);
        kinds.remove(FaultKind.CLOCK);
        FaultSchedule calm = new FaultSchedule(schedule.events().stream()
                .filter(e -> !(e instanceof FaultEvent.ClockJump)).toList());
        return new SimOptions(seed, clusterSize, tickMs, parameters, network, disk, clocks.withoutDrift(), workload,
                kinds, calm, scheduleGiven, faultPhaseMs, livenessMs);
    }

    /** Every option in one line, as printed at the start of a run. */
    public String describe() {
        Profiles.Network n = network;
        Profiles.Workload w = workload;
        return String.format(java.util.Locale.ROOT,
                "seed=%d nodes=%d tick=%dms %s"
                + " | net delay=%d..%dms loss=%.3f dup=%.3f reorder=%s spike=%.3f | disk=%d..%dms bounce=%.3f"
                + " | clocks %s | clients=%d keys=%d ops=%d think<=%dms attempt=%dms giveUp=%dms%s"
                + " | faults=%s phase=%dms liveness=%dms schedule=[%s]",
                seed, clusterSize, tickMs, parameters.describe(),
                n.minDelay(), n.maxDelay(), n.loss(), n.duplicate(), n.reorder(), n.spike(),
                disk.minLatency(), disk.maxLatency(), disk.bounce(), clocks.describe(),
                w.clients(), w.keys(), w.ops(), w.maxThinkMs(), w.attemptTimeoutMs(), w.giveUpMs(),
                w.endSessionEvery() > 0 ? " endSessionEvery=" + w.endSessionEvery() : "",
                FaultKind.formatList(faults), faultPhaseMs, livenessMs, schedule.format());
    }

    /** A short stable fingerprint of {@link #describe()} for one-line summaries. */
    public String digest() {
        long h = 1125899906842597L;
        for (char c : describe().toCharArray()) {
            h = 31 * h + c;
        }
        return String.format("%08x", (int) (h ^ (h >>> 32)));
    }
}
