package dev.lockstep.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Same seed and same events give equal effects (compared as values: every Step record). */
class DeterminismTest {

    private static RandomizedClusterTest.Run run(long seed) {
        RandomizedClusterTest.Run r = new RandomizedClusterTest.Run(seed);
        r.c.recordSteps = true;
        r.run();
        return r;
    }

    @Test
    void aSeededRunRepeatsEffectForEffect() {
        for (long seed : new long[] {3, 34}) {
            RandomizedClusterTest.Run a = run(seed);
            RandomizedClusterTest.Run b = run(seed);
            assertTrue(a.c.steps.size() > 1000);
            assertEquals(a.c.steps, b.c.steps, "seed " + seed);
        }
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        assertNotEquals(run(5).c.steps, run(6).c.steps);
    }
}
