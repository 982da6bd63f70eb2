package dev.lockstep.specdriven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ProtocolRegistry;
import org.junit.jupiter.api.Test;

/** TLC-generated behaviours of each protocol's spec, replayed against its core. */
class SpecDrivenConformanceTest {

    @Test
    void raftCoreTakesEveryStepOfTheSpecsBehaviours() throws Exception {
        SpecDrivenConformance.Report report = SpecDrivenConformance.run(ProtocolRegistry.get("raft"), ReplayBudget.behaviours(), ReplayBudget.DEPTH, ReplayBudget.seed());
        report.lines().forEach(System.out::println);
        assertTrue(report.passed(), String.join("\n", report.lines()));
    }

    @Test
    void multiPaxosCoreTakesEveryStepOfTheSpecsBehaviours() throws Exception {
        SpecDrivenConformance.Report report = SpecDrivenConformance.run(ProtocolRegistry.get("multipaxos"),
                ReplayBudget.behaviours(), ReplayBudget.DEPTH, ReplayBudget.seed());
        report.lines().forEach(System.out::println);
        assertTrue(report.passed(), String.join("\n", report.lines()));
    }
}
