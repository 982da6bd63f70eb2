package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.base.Prng;
import dev.lockstep.core.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Runs a broken protocol variant over seeds until the simulator's checkers report a failure. */
final class BrokenVariantSearch {
    private BrokenVariantSearch() {}

    /** The first failure within {@code maxSeeds} runs; the test fails if there is none. */
    static Failure firstFailure(Protocol p, long baseSeed, String faults, int maxSeeds) {
        Set<FaultKind> kinds = FaultKind.parseList(faults);
        for (int i = 0; i < maxSeeds; i++) {
            long seed = ScenarioGenerator.runSeed(baseSeed, i);
            RunResult r = Simulation.run(p, ScenarioGenerator.fromSeed(p, seed, kinds, ScenarioGenerator.DEFAULT_OPS), false);
            if (!r.passed()) {
                System.out.println(p.name() + ": found at seed #" + (i + 1) + " of at most " + maxSeeds + ": " + r.summary());
                System.out.println(r.failure().get().describe());
                return r.failure().get();
            }
        }
        return fail(p.name() + " passed " + maxSeeds + " seeds with faults " + faults + ": the checkers missed its bug");
    }

    /**
     * A fault profile aimed at a bug that the seed's own scenario reaches too rarely: which of
     * the seeds' scenarios it runs (say, five replicas), and the explicit fault schedule it gives
     * each in place of the seed's own. Everything else still comes from the seed, and the
     * failure's replay line names the schedule ({@code --schedule}), so the run replays exactly.
     */
    record Profile(String description, Predicate<SimOptions> fits, int sideSize, int minMs, int maxMs, int maxGapMs) {

        /**
         * Rotating partitions for the whole faults phase: a random side of {@code sideSize}
         * replicas is cut off from the others (both ways) for {@code minMs..maxMs}, then, after a
         * gap of up to {@code maxGapMs}, another one, and so on. Each cut-off side leaves
         * instances half-decided (its own Accepts or Commits lost, its peers' Recovers unheard),
         * the others recover them, and the side comes back with what it held: recoveries meet
         * acceptances of different ballots, and commit requests go unanswered while the replica
         * that committed is away.
         */
        static Profile rotatingPartitions(String description, int sideSize, int minMs, int maxMs, int maxGapMs,
                Predicate<SimOptions> fits) {
            return new Profile(description, fits, sideSize, minMs, maxMs, maxGapMs);
        }

        /** The schedule of the run with options {@code o}: from its seed, through a stream of its own. */
        FaultSchedule schedule(SimOptions o) {
            Prng rng = new Prng(o.seed() ^ SCHEDULE_STREAM);
            int n = o.clusterSize();
            List<FaultEvent> events = new ArrayList<>();
            for (long at = rng.nextInt(maxGapMs + 1); at < o.faultPhaseMs(); ) {
                List<Integer> side = side(rng, n);
                long d = Math.min(rng.nextIntInclusive(minMs, maxMs), o.faultPhaseMs() - at);
                events.add(new FaultEvent.Partition(at, d, side, FaultEvent.Mode.SPLIT));
                at += d + rng.nextInt(maxGapMs + 1);
            }
            return new FaultSchedule(events);
        }

        private List<Integer> side(Prng rng, int n) {
            List<Integer> all = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                all.add(k);
            }
            List<Integer> side = new ArrayList<>();
            for (int k = 0; k < Math.min(sideSize, n - 1); k++) {
                side.add(all.remove(rng.nextInt(all.size())));
            }
            side.sort(null);
            return side;
        }

        private static final long SCHEDULE_STREAM = 0x5C4ED01EL;
    }

    /**
     * The first failure within {@code maxRuns} runs of the seeds (from {@code baseSeed}) whose
     * scenario fits {@code profile}, each with the profile's schedule; the test fails if there is
     * none. Seeds that do not fit are skipped without a run (at most {@code 50 * maxRuns} seeds
     * are looked at).
     */
    static Failure firstFailure(Protocol p, long baseSeed, String faults, int maxRuns, Profile profile) {
        Set<FaultKind> kinds = FaultKind.parseList(faults);
        int runs = 0;
        for (int i = 0; runs < maxRuns && i < 50 * maxRuns; i++) {
            long seed = ScenarioGenerator.runSeed(baseSeed, i);
            SimOptions o = ScenarioGenerator.fromSeed(p, seed, kinds, ScenarioGenerator.DEFAULT_OPS);
            if (!profile.fits().test(o)) {
                continue;
            }
            runs++;
            RunResult r = Simulation.run(p, o.withSchedule(profile.schedule(o)), false);
            if (!r.passed()) {
                System.out.println(p.name() + " (" + profile.description() + "): found at run #" + runs + " (seed #"
                        + (i + 1) + ") of at most " + maxRuns + ": " + r.summary());
                System.out.println(r.failure().get().describe());
                return r.failure().get();
            }
        }
        return fail(p.name() + " passed " + runs + " runs with faults " + faults + " and " + profile.description()
                + ": the checkers missed its bug");
    }
}
