package dev.lockstep.epaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted schedule of the recovery-ballot bug ({@code RecoveryDivergenceTest} in impl's
 * tests), validated against EPaxos.tla: the correct core's trace is a behaviour of the spec, and
 * the broken core's (a recovery that re-accepts an older acceptance) is rejected at the
 * {@code RecoverAccepted} that picks it, a few dozen lines in (the seeded runs reach the same
 * rejection only after thousands of lines: dev.lockstep.conformance.BrokenEPaxosTraceTest).
 */
class RecoveryDivergenceTraceTest {

    @TempDir
    Path dir;

    @Test
    void theCorrectCoresScheduleIsABehaviourOfTheSpec() throws IOException {
        EPaxosCluster c = RecoveryDivergenceTest.olderAcceptanceBesideAChosenNop(EPaxosConcerns.DEFAULT);
        Validation v = ScriptedTraces.validate(c, dir.resolve("older-acceptance.ndjson"));
        assertTrue(v.accepted(), v.toString());
    }

    @Test
    void aRecoveryIgnoringTheHighestBallotIsRejectedAtItsAccept() throws IOException {
        EPaxosCluster c = RecoveryDivergenceTest.olderAcceptanceBesideAChosenNop(
                BrokenEPaxosVariants.RECOVERY_IGNORES_BALLOT);
        Validation v = ScriptedTraces.validate(c, dir.resolve("older-acceptance-broken.ndjson"));
        assertTrue(v.rejection().isPresent(), v.toString());
        assertEquals("RecoverAccepted", v.rejection().get().line().action(), v.toString());
    }
}
