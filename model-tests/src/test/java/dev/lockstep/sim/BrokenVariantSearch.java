package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.Protocol;
import java.util.Set;

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
}
