package dev.lockstep.sim;

import dev.lockstep.base.Prng;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Derives every option of a run from its seed and the protocol's traits and parameter set: the
 * cluster size (within what the protocol allows), the protocol's parameters (its own draw), the
 * network, disk, clocks and workload, and the fault schedule (aimed at the leader only where
 * there is one). Clock options come from a stream of their own, so adding or removing clock
 * faults changes no other option of a seed.
 */
public final class ScenarioGenerator {
    public static final int DEFAULT_OPS = 100;
    static final int TICK_MS = 10;
    static final long LIVENESS_MS = 5_000;
    /** Per fsync boundary; the high ones are crash storms that make restart-timing bugs likely. */
    static final double[] BOUNCE_RATES = {0, 0, 0.002, 0.01, 0.05, 0.15, 0.3};

    private ScenarioGenerator() {}

    /** A different stream for the clocks: the same seed gives the same other options with or without them. */
    private static final long CLOCK_STREAM = 0xC10C4D81F7L;
    /** Clock jumps forward by up to this much. */
    static final int MAX_JUMP_MS = 2_000;

    public static SimOptions fromSeed(Protocol protocol, long seed, Set<FaultKind> faults, int ops) {
        Prng rng = new Prng(seed);
        Traits traits = protocol.traits();
        int nodes = traits.sizes().clamp(rng.chance(0.6) ? 3 : 5);
        long phase = rng.nextIntInclusive(2_000, 8_000);
        var parameters = protocol.parameters().forCluster(protocol.parameters().draw(rng).values(), nodes);
        Profiles.Network network = network(rng, faults);
        Profiles.Disk disk = disk(rng, faults);
        Profiles.Workload workload = workload(rng, ops, phase);
        List<FaultEvent> events = schedule(rng, faults, nodes, phase, traits.hasLeader());
        Prng clockRng = new Prng(seed ^ CLOCK_STREAM);
        Profiles.Clocks clocks = clocks(clockRng, faults, nodes);
        events.addAll(clockJumps(clockRng, faults, nodes, phase));
        return new SimOptions(seed, nodes, TICK_MS, parameters, network, disk, clocks, workload, faults,
                new FaultSchedule(events), false, phase, LIVENESS_MS);
    }

    /** Offsets always (clocks start anywhere); rates off true time only with CLOCK faults. */
    private static Profiles.Clocks clocks(Prng rng, Set<FaultKind> faults, int nodes) {
        List<Integer> rates = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        boolean drift = faults.contains(FaultKind.CLOCK);
        for (int n = 0; n < nodes; n++) {
            offsets.add((long) rng.nextInt(1_000_000));
        }
        for (int n = 0; n < nodes; n++) {
            int max = Profiles.Clocks.MAX_DRIFT_PPM;
            rates.add(drift ? rng.nextIntInclusive(-max, max) : 0);
        }
        return new Profiles.Clocks(rates, offsets);
    }

    private static List<FaultEvent> clockJumps(Prng rng, Set<FaultKind> faults, int nodes, long phase) {
        List<FaultEvent> jumps = new ArrayList<>();
        if (faults.contains(FaultKind.CLOCK)) {
            for (int i = count(rng, phase, 1_000); i > 0; i--) {
                jumps.add(new FaultEvent.ClockJump(rng.nextInt((int) phase), rng.nextIntInclusive(1, MAX_JUMP_MS),
                        1 + rng.nextInt(nodes)));
            }
        }
        return jumps;
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
    private static List<FaultEvent> schedule(Prng rng, Set<FaultKind> faults, int nodes, long phase, boolean leader) {
        List<FaultEvent> events = new ArrayList<>();
        if (faults.contains(FaultKind.PARTITION) && nodes > 1) {
            for (int i = count(rng, phase, 300); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                FaultEvent.Mode mode = FaultEvent.Mode.values()[rng.nextInt(3)];
                List<Integer> side = mode == FaultEvent.Mode.CUT ? pair(rng, nodes, leader) : side(rng, nodes, leader);
                events.add(new FaultEvent.Partition(at, clamp(at, rng.nextIntInclusive(50, 2_000), phase), side, mode));
            }
        }
        if (faults.contains(FaultKind.CRASH)) {
            for (int i = count(rng, phase, 150); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                int down = rng.chance(0.5) ? rng.nextIntInclusive(5, 150) : rng.nextIntInclusive(150, 2_000);
                events.add(new FaultEvent.Crash(at, clamp(at, down, phase), target(rng, nodes, leader)));
            }
        }
        if (faults.contains(FaultKind.PAUSE)) {
            for (int i = count(rng, phase, 300); i > 0; i--) {
                long at = rng.nextInt((int) phase);
                events.add(new FaultEvent.Pause(at, clamp(at, rng.nextIntInclusive(20, 800), phase),
                        target(rng, nodes, leader)));
            }
        }
        return events;
    }

    /** How many faults of one kind: none (20%), or one per 2^k * minGapMs on average. */
    private static int count(Prng rng, long phase, int minGapMs) {
        if (rng.chance(0.2)) {
            return 0;
        }
        long gap = (long) minGapMs << rng.nextInt(5);
        return (int) Math.max(1, phase / gap);
    }

    /**
     * Half the time the node that leads when the fault starts ({@link FaultEvent#LEADER}); a
     * random node when the protocol has no leader.
     */
    private static int target(Prng rng, int nodes, boolean leader) {
        return rng.chance(0.5) && leader ? FaultEvent.LEADER : 1 + rng.nextInt(nodes);
    }

    /** Two distinct nodes, one of them the current leader half of the time (if there is one). */
    private static List<Integer> pair(Prng rng, int nodes, boolean leader) {
        int a = 1 + rng.nextInt(nodes);
        int b = 1 + (a + rng.nextInt(nodes - 1)) % nodes;
        return rng.chance(0.5) && leader ? List.of(FaultEvent.LEADER, b) : List.of(Math.min(a, b), Math.max(a, b));
    }

    /** The current leader alone (a third of the time, if there is one) or a random non-empty proper subset. */
    private static List<Integer> side(Prng rng, int nodes, boolean leader) {
        if (rng.chance(0.3) && leader) {
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
