package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded runs of every registered protocol's real core with every fault kind: each run must pass
 * every checker. A protocol added to the registry is simulated here without naming it.
 */
class ProtocolSimulationTest {
    static final long BASE_SEED = 1;
    static final int RUNS = Integer.getInteger("lockstep.sim.runs", 300);

    static Stream<String> protocols() {
        return ProtocolRegistry.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void survivesSeededRunsWithEveryFaultKind(String name) {
        Protocol protocol = ProtocolRegistry.get(name);
        List<String> failures = new ArrayList<>();
        long steps = 0;
        for (int i = 0; i < RUNS; i++) {
            long seed = ScenarioGenerator.runSeed(BASE_SEED, i);
            SimOptions o = ScenarioGenerator.fromSeed(protocol, seed, EnumSet.allOf(FaultKind.class), ScenarioGenerator.DEFAULT_OPS);
            RunResult r = Simulation.run(protocol, o, false);
            steps += r.replicaSteps();
            System.out.println(r.summary());
            r.failure().ifPresent(f -> {
                System.out.println(o.describe());
                System.out.println(f.describe());
                failures.add(f.kind() + " " + f.replay());
            });
        }
        System.out.println(name + ": " + RUNS + " runs, " + steps + " replica steps, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * Clients that end their session every 3 answers (as the server does when a connection
     * closes), under every fault kind: a given-up request of an ended session may still reach
     * the log, and must then be refused, not run (the linearizability checker would see it).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void survivesSessionChurnWithEveryFaultKind(String name) {
        Protocol protocol = ProtocolRegistry.get(name);
        List<String> failures = new ArrayList<>();
        int runs = Math.max(1, RUNS / 3);
        for (int i = 0; i < runs; i++) {
            long seed = ScenarioGenerator.runSeed(BASE_SEED + 1, i);
            SimOptions o = ScenarioGenerator.fromSeed(protocol, seed, EnumSet.allOf(FaultKind.class), ScenarioGenerator.DEFAULT_OPS)
                    .withEndSessionEvery(3);
            RunResult r = Simulation.run(protocol, o, false);
            r.failure().ifPresent(f -> {
                System.out.println(o.describe());
                System.out.println(f.describe());
                failures.add(f.kind() + " " + f.replay());
            });
        }
        System.out.println(name + " with session churn: " + runs + " runs, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
