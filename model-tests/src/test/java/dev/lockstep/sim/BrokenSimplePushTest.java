package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.simplepush.BrokenSimplePushVariants;
import org.junit.jupiter.api.Test;

/** Proof that the simulator catches a SimplePush that answers before its pushes are acknowledged. */
class BrokenSimplePushTest {

    @Test
    void answeringBeforeEveryPushIsAcknowledgedIsADurabilityFailure() {
        Failure f = firstFailure(BrokenSimplePushVariants.earlyAnswer(), 1, "all", 5);
        assertEquals(FailureKind.DURABILITY, f.kind(), f.describe());
    }
}
