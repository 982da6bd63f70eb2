package dev.lockstep.specdriven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLC-generated behaviours of each protocol's spec (every generator config), replayed against
 * its core; every guard branch the config requires must be replayed at least once.
 */
class SpecDrivenConformanceTest {

    /** Every config of every registered protocol that has a generator (Raft, MultiPaxos so far). */
    static Stream<Arguments> configs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String name : ProtocolRegistry.names()) {
            for (String c : SpecDrivenConformance.configs(ProtocolRegistry.get(name))) {
                out.add(Arguments.of(name, c));
            }
        }
        assertTrue(out.stream().map(a -> a.get()[0]).toList().containsAll(List.of("raft", "multipaxos")), out.toString());
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configs")
    void theCoreTakesEveryStepOfTheSpecsBehaviours(String protocol, String config) throws Exception {
        Protocol p = ProtocolRegistry.get(protocol);
        SpecDrivenConformance.Report report = SpecDrivenConformance.run(p, config, ReplayBudget.behaviours(),
                ReplayBudget.DEPTH, ReplayBudget.seed());
        report.lines().forEach(System.out::println);
        assertTrue(report.passed(), String.join("\n", report.lines()));
    }

    /** The branch requirement can fail: one behaviour replays fine but cannot take every branch. */
    @Test
    void aRunThatMissesARequiredBranchFails() throws Exception {
        Protocol raft = ProtocolRegistry.get("raft");
        SpecDrivenConformance.Report report = SpecDrivenConformance.run(raft,
                SpecDrivenConformance.configs(raft).get(0), 1, ReplayBudget.DEPTH, ReplayBudget.seed());
        assertTrue(report.failures().isEmpty(), String.join("\n", report.lines()));
        assertFalse(report.missing().isEmpty(), String.join("\n", report.lines()));
        assertFalse(report.passed());
    }
}
