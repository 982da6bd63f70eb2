package dev.lockstep.specdriven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.raft.BrokenRaftVariants;
import org.junit.jupiter.api.Test;

/**
 * The spec-driven replay rejects a Raft core that counts a duplicated vote twice: the spec's
 * behaviours duplicate a grant and deliver both copies, and the broken core becomes leader on a
 * false quorum where the spec's candidate does not. The seeded simulations and their validated
 * traces never happened on that schedule (issue: verification depth).
 */
class BrokenRaftSpecReplayTest {

    @Test
    void aCoreThatCountsADuplicatedVoteTwiceIsCaught() throws Exception {
        SpecDrivenConformance.Report report =
                SpecDrivenConformance.run(BrokenRaftVariants.duplicateVoteCounter(), ReplayBudget.behaviours(), ReplayBudget.DEPTH, ReplayBudget.seed());
        report.lines().forEach(System.out::println);
        assertFalse(report.passed(), "the replay must reject the duplicate-vote counter");
        assertTrue(report.failures().stream().allMatch(f -> f.mismatch().detail().contains("BecomeLeader")),
                "every mismatch is a BecomeLeader the spec did not take:\n" + String.join("\n", report.lines()));
    }
}
