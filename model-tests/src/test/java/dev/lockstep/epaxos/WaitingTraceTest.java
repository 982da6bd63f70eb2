package dev.lockstep.epaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace of the scripted waiting-stage schedule ({@code WaitingTest} in impl's tests) is a
 * behaviour of EPaxos.tla, and so is the late-answer schedule: this is where {@code WaitingNop} and
 * {@code WaitingLateReply}, which the seeded conformance runs do not reach, are validated against
 * the spec; and so is the recovery that validates, meets a committed conflict that misses the
 * instance and commits a no-op ({@code ValidateNop}), which the seeded runs reach only on some
 * workloads.
 */
class WaitingTraceTest {

    @TempDir
    Path dir;

    @Test
    void theWaitingScheduleIsABehaviourOfTheSpec() throws IOException {
        Validation v = validate(WaitingTest.waitingOnAConflictThatCommitsWithoutIt(), "epaxos-waiting.ndjson");
        assertEquals(1, v.actionCounts().getOrDefault("WaitingNop", 0), v.actionCounts().toString());
        assertEquals(1, v.actionCounts().getOrDefault("StartWaiting", 0), v.actionCounts().toString());
    }

    @Test
    void theLateAnswerScheduleIsABehaviourOfTheSpec() throws IOException {
        Validation v = validate(WaitingTest.waitingThenALateAnswerOfTheOwner(), "epaxos-late-answer.ndjson");
        assertEquals(1, v.actionCounts().getOrDefault("WaitingLateReply", 0), v.actionCounts().toString());
    }

    @Test
    void theValidateNopScheduleIsABehaviourOfTheSpec() throws IOException {
        Validation v = validate(RecoveryDivergenceTest.nopCommittedByValidation(),
                "epaxos-validate-nop.ndjson");
        assertEquals(1, v.actionCounts().getOrDefault("ValidateNop", 0), v.actionCounts().toString());
    }

    private Validation validate(EPaxosCluster c, String name) throws IOException {
        Validation v = ScriptedTraces.validate(c, dir.resolve(name));
        assertTrue(v.accepted(), v.toString());
        return v;
    }
}
