package dev.lockstep.sim;

import dev.lockstep.core.Prng;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Derives every option of a run from its seed. */
public final class ScenarioGenerator {
    public static final int DEFAULT_OPS = 100;
    static final int TICK_MS = 10;
    static final long LIVENESS_MS = 5_000;
    /** Per fsync boundary; the high ones are crash storms that make restart-timing bugs likely. */
    static final double[] BOUNCE_RATES = {0, 0, 0.002, 0.01, 0.05, 0.15, 0.3};

    private ScenarioGenerator() {}

    public static SimOptions fromSeed(long seed, Set<FaultKind> faults, int ops) {
        Prng rng = new Prng(seed);
        int nodes = rng.chance(0.6) ? 3 : 5;
        long phase = rng.nextIntInclusive(2_000, 8_000);
        return new SimOptions(seed, nodes, TICK_MS, tuning(rng), network(rng, faults), disk(rng, faults),
                workload(rng, ops, phase), faults, schedule(rng, faults, nodes, phase), false, phase, LIVENESS_MS);
    }

    private static Profiles.Tuning tuning(Prng rng) {
        int min = rng.nextIntInclusive(10, 16);
        int max = min + (rng.chance(0.3) ? rng.nextIntInclusive(1, 3) : rng.nextIntInclusive(4, 15));
        int heartbeat = rng.nextIntInclusive(1, 3);
        int batch = new int[] {1, 2, 4, 16, 64}[rng.nextInt(5)];
        int inflight = rng.nextIntInclusive(1, 8);
        int snapshotEvery = rng.chance(0.3) ? 0 : rng.nextIntInclusive(3, 40);
        return new Profiles.Tuning(min, max, heartbeat, batch, inflight, snapshotEvery);
    }

    private static Profiles.Network network(Prng rng, Set<FaultKind> faults) {
        int min = rng.nextIntInclusive(1, 5);
        int max = min + rng.nextIntInclusive(0, 40);
        double loss = faults.contains(FaultKind.LOSS) ? 0.01 + 0.19 * unit(rng) : 0;
        double dup = faults.contains(FaultKind.DUP) ? 0.01 + 0.09 * unit(rng) : 0;
        boolean reorder = faults.contains(FaultKind.REORDER);
        double spike = reorder ? 0.02 + 0.08 * unit(rng) : 0;
        return new Profiles.Network(min, max, round(loss), round(dup), reorder, round(spike));
    }

    private static Profiles.Disk disk(Prng rng, Set<FaultKind> faults) {
        int min = rng.nextIntInclusive(1, 3);
        double bounce = faults.contains(FaultKind.CRASH) ? BOUNCE_RATES[rng.nextInt(BOUNCE_RATES.length)] : 0;
        return new Profiles.Disk(min, min + rng.nextIntInclusive(0, 15), bounce);
    }

    /**
     * Mostly paced so that about 80% of the operations fall in the faults phase (the rest test the
     * healed cluster); sometimes bursty (think time <= 50 ms) for more concurrency.
     */
    private static Profiles.Workload workload(Prng rng, int ops, long phase) {
        int clients = rng.nextIntInclusive(1, 5);
        int paced = (int) Math.min(2_000, 2 * (0.8 * phase * clients) / Math.max(1, ops));
        int think = rng.chance(0.3) ? rng.nextIntInclusive(0, 50) : Math.max(1, paced);
        return new Profiles.Workload(clients, rng.nextIntInclusive(1, 4), ops, think,
                rng.nextIntInclusive(100, 500), rng.nextIntInclusive(800, 3_000));
    }

    /**
     * Swarm testing (Groce et al., ISSTA 2012): each seed picks its own density per fault kind,
     * from none or rare to a fault every few hundred ms, so some runs are calm and others storm.
     */
    private static FaultSchedule schedule(Prng rng, Set<FaultKind> faults, int nodes, long phase) {
        List<FaultEvent> events = new ArrayList<>();
        if (faults.contains(FaultKind.PARTITION)) {
            for (int i = count(rng, phase, 300); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                FaultEvent.Mode mode = FaultEvent.Mode.values()[rng.nextInt(3)];
                List<Integer> side = mode == FaultEvent.Mode.CUT ? pair(rng, nodes) : side(rng, nodes);
                events.add(new FaultEvent.Partition(at, clamp(at, rng.nextIntInclusive(50, 2_000), phase), side, mode));
            }
        }
        if (faults.contains(FaultKind.CRASH)) {
            for (int i = count(rng, phase, 150); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                int down = rng.chance(0.5) ? rng.nextIntInclusive(5, 150) : rng.nextIntInclusive(150, 2_000);
                events.add(new FaultEvent.Crash(at, clamp(at, down, phase), target(rng, nodes)));
            }
        }
        if (faults.contains(FaultKind.PAUSE)) {
            for (int i = count(rng, phase, 300); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                events.add(new FaultEvent.Pause(at, clamp(at, rng.nextIntInclusive(20, 800), phase),
                        target(rng, nodes)));
            }
        }
        return new FaultSchedule(events);
    }

    /** How many faults of one kind: none (20%), or one per 2^k * minGapMs on average. */
    private static int count(Prng rng, long phase, int minGapMs) {
        if (rng.chance(0.2)) {
            return 0;
        }
        long gap = (long) minGapMs << rng.nextInt(5);
        return (int) Math.max(1, phase / gap);
    }

    /** Half the time the node that leads when the fault starts ({@link FaultEvent#LEADER}). */
    private static int target(Prng rng, int nodes) {
        return rng.chance(0.5) ? FaultEvent.LEADER : 1 + rng.nextInt(nodes);
    }

    /** Two distinct nodes, one of them the current leader half of the time. */
    private static List<Integer> pair(Prng rng, int nodes) {
        int a = 1 + rng.nextInt(nodes);
        int b = 1 + (a + rng.nextInt(nodes - 1)) % nodes;
        return rng.chance(0.5) ? List.of(FaultEvent.LEADER, b) : List.of(Math.min(a, b), Math.max(a, b));
    }

    /** The current leader alone (a third of the time) or a random non-empty proper subset. */
    private static List<Integer> side(Prng rng, int nodes) {
        if (rng.chance(0.3)) {
            return List.of(FaultEvent.LEADER);
        }
        int mask = 1 + rng.nextInt((1 << nodes) - 2);
        List<Integer> side = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            if ((mask & (1 << n)) != 0) {
                side.add(n + 1);
            }
        }
        return side;
    }

    private static long clamp(long at, long duration, long phase) {
        return Math.min(duration, phase - at);
    }

    private static double unit(Prng rng) {
        return (rng.nextLong() >>> 11) * 0x1.0p-53;
    }

    private static double round(double p) {
        return Math.round(p * 1000) / 1000.0;
    }

    /** The seed of run {@code i} of a multi-run invocation: the base itself, then derived ones. */
    public static long runSeed(long base, int i) {
        return i == 0 ? base : new Prng(base + 0x9E3779B97F4A7C15L * i).nextLong() >>> 1;
    }
}
