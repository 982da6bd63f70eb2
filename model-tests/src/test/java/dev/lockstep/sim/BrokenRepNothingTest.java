package dev.lockstep.sim;

import static dev.lockstep.sim.BrokenVariantSearch.firstFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.repnothing.BrokenRepNothingVariants;
import org.junit.jupiter.api.Test;

/** Proof that the simulator catches a RepNothing that answers writes it never logged. */
class BrokenRepNothingTest {

    @Test
    void answeringUnloggedWritesIsADurabilityFailure() {
        Failure f = firstFailure(BrokenRepNothingVariants.unloggedWrites(), 1, "all", 5);
        assertEquals(FailureKind.DURABILITY, f.kind(), f.describe());
    }
}
