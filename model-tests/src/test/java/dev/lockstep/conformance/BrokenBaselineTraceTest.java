package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.simplepush.BrokenSimplePushVariants;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches a SimplePush that answers before every push is acknowledged: its
 * trace is REJECTED at the {@code Answer} line, which SimplePush.tla allows only once every peer
 * acknowledged (the simulator's durability checker catches it too: BrokenSimplePushTest).
 *
 * <p>RepNothing's broken twin, which answers writes it never logged, writes the same trace lines
 * as the correct core (the trace shows actions, not records), so only the durability checker
 * catches it (BrokenRepNothingTest).
 */
class BrokenBaselineTraceTest {

    @TempDir
    Path dir;

    @Test
    void anAnswerBeforeEveryPushIsAcknowledgedIsRejected() throws IOException {
        Validation v = BrokenTraceSearch.firstRejectedAt(BrokenSimplePushVariants.earlyAnswer(), "Answer", dir);
        assertTrue(v.rejection().isPresent(), v.outcome().toString());
    }
}
