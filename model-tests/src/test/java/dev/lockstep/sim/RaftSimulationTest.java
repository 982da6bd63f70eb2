package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded runs of the real Raft core with every fault kind: each must pass every checker. */
class RaftSimulationTest {
    static final long BASE_SEED = 1;
    static final int RUNS = Integer.getInteger("lockstep.sim.runs", 300);

    @Test
    void raftSurvivesSeededRunsWithEveryFaultKind() {
        Protocol raft = ProtocolRegistry.get("raft");
        List<String> failures = new ArrayList<>();
        long steps = 0;
        for (int i = 0; i < RUNS; i++) {
            long seed = ScenarioGenerator.runSeed(BASE_SEED, i);
            SimOptions o = ScenarioGenerator.fromSeed(seed, EnumSet.allOf(FaultKind.class), ScenarioGenerator.DEFAULT_OPS);
            RunResult r = Simulation.run(raft, o, false);
            steps += r.replicaSteps();
            System.out.println(r.summary());
            r.failure().ifPresent(f -> {
                System.out.println(o.describe());
                System.out.println(f.describe());
                failures.add(f.kind() + " " + f.replay());
            });
        }
        System.out.println(RUNS + " runs, " + steps + " replica steps, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
