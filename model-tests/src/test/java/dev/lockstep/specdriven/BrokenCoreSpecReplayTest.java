package dev.lockstep.specdriven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.multipaxos.BrokenMultiPaxosVariants;
import dev.lockstep.raft.BrokenRaftVariants;
import org.junit.jupiter.api.Test;

/**
 * The spec-driven replay rejects cores that count a duplicated vote or promise twice: the spec's
 * behaviours duplicate a grant and deliver both copies, and the broken core becomes leader on a
 * false quorum where the spec's candidate does not. The seeded simulations and their validated
 * traces never produced that schedule for Raft (docs/verification.md, "Spec-driven conformance").
 */
class BrokenCoreSpecReplayTest {

    @Test
    void aRaftCoreThatCountsADuplicatedVoteTwiceIsCaught() throws Exception {
        assertCaughtBecomingLeader(BrokenRaftVariants.duplicateVoteCounter());
    }

    @Test
    void aMultiPaxosCoreThatCountsADuplicatedPromiseTwiceIsCaught() throws Exception {
        assertCaughtBecomingLeader(BrokenMultiPaxosVariants.duplicatePromiseCounter());
    }

    private static void assertCaughtBecomingLeader(Protocol broken) throws Exception {
        String faults = SpecDrivenConformance.configs(broken).get(0);
        SpecDrivenConformance.Report report = SpecDrivenConformance.run(broken, faults, ReplayBudget.behaviours(),
                ReplayBudget.DEPTH, ReplayBudget.seed());
        report.lines().forEach(System.out::println);
        assertFalse(report.passed(), "the replay must reject " + broken.name());
        assertTrue(report.failures().stream().allMatch(f -> f.mismatch().detail().contains("BecomeLeader")),
                "every mismatch is a BecomeLeader the spec did not take:\n" + String.join("\n", report.lines()));
    }
}
