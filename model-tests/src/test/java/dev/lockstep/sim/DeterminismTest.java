package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.sim.toy.ToyBug;
import dev.lockstep.sim.toy.ToyProtocol;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** One seed, one run: repeated runs agree, and tracing does not change what happens. */
class DeterminismTest {

    private static String run(Protocol p, long seed, boolean tracing) {
        SimOptions o = ScenarioGenerator.fromSeed(p, seed, EnumSet.allOf(FaultKind.class), 60);
        return Simulation.run(p, o, tracing).summary();
    }

    @Test
    void raftRunsRepeatExactly() {
        Protocol raft = ProtocolRegistry.get("raft");
        for (long seed = 100; seed < 105; seed++) {
            String first = run(raft, seed, false);
            System.out.println(first);
            assertEquals(first, run(raft, seed, false), "seed " + seed);
            assertEquals(first, run(raft, seed, true), "seed " + seed + " with tracing");
        }
    }

    @Test
    void sameSeedSameRunWithOrWithoutTracing() {
        Protocol toy = ToyProtocol.descriptor(ToyBug.NONE);
        for (long seed = 1; seed <= 10; seed++) {
            String first = run(toy, seed, false);
            System.out.println(first);
            assertEquals(first, run(toy, seed, false), "seed " + seed);
            assertEquals(first, run(toy, seed, true), "seed " + seed + " with tracing");
            String lying = run(ToyProtocol.descriptor(ToyBug.LYING_TRACE), seed, false);
            assertEquals(first.replace("toy", ""), lying.replace("toy", ""), "seed " + seed + " lying");
        }
    }
}
