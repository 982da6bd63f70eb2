package dev.lockstep.sim;

import java.util.Set;

/**
 * Every option of one simulated run. {@link ScenarioGenerator#fromSeed} derives all of them from
 * the seed (TigerBeetle VOPR style); the seed also drives every random choice during the run, so
 * the same options give the same run.
 *
 * @param tickMs simulated ms per replica tick
 * @param faultPhaseMs length of the faults phase; everything heals at this time
 * @param livenessMs after healing: bound for a leader to exist and outstanding requests to
 *     complete, and then for any client operation to make progress
 * @param scheduleGiven the schedule came from {@code --schedule}/jqwik rather than the seed
 */
public record SimOptions(
        long seed,
        int clusterSize,
        int tickMs,
        Profiles.Tuning tuning,
        Profiles.Network network,
        Profiles.Disk disk,
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
    }

    public SimOptions withSchedule(FaultSchedule given) {
        return new SimOptions(seed, clusterSize, tickMs, tuning, network, disk, workload, faults, given, true,
                faultPhaseMs, livenessMs);
    }

    /** The same run with clients that end their sessions every {@code k} answered operations. */
    public SimOptions withEndSessionEvery(int k) {
        return new SimOptions(seed, clusterSize, tickMs, tuning, network, disk, workload.withEndSessionEvery(k),
                faults, schedule, scheduleGiven, faultPhaseMs, livenessMs);
    }

    /** Every option in one line, as printed at the start of a run. */
    public String describe() {
        Profiles.Tuning t = tuning;
        Profiles.Network n = network;
        Profiles.Workload w = workload;
        return String.format(java.util.Locale.ROOT,
                "seed=%d nodes=%d tick=%dms election=%d..%d hb=%d batch=%d inflight=%d snapshotEvery=%d"
                + " | net delay=%d..%dms loss=%.3f dup=%.3f reorder=%s spike=%.3f | disk=%d..%dms bounce=%.3f"
                + " | clients=%d keys=%d ops=%d think<=%dms attempt=%dms giveUp=%dms%s"
                + " | faults=%s phase=%dms liveness=%dms schedule=[%s]",
                seed, clusterSize, tickMs, t.electionTicksMin(), t.electionTicksMax(), t.heartbeatTicks(),
                t.maxBatchEntries(), t.maxInflight(), t.snapshotEvery(),
                n.minDelay(), n.maxDelay(), n.loss(), n.duplicate(), n.reorder(), n.spike(),
                disk.minLatency(), disk.maxLatency(), disk.bounce(),
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
