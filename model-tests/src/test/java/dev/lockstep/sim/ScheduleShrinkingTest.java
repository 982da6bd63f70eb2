package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lockstep.raft.BrokenRaftVariants;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** jqwik finds the broken variant's bug and shrinks the failing schedule and workload. */
class ScheduleShrinkingTest {

    @Test
    void failingScheduleShrinksToASmallReplayableCase() {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(ShrinkDemo.ENABLE, "true");
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ShrinkDemo.class)).build(),
                    listener);
        } finally {
            System.clearProperty(ShrinkDemo.ENABLE);
        }
        assertEquals(1, listener.getSummary().getTotalFailureCount(), "the demo property must fail");

        ShrinkDemo.Case first = ShrinkDemo.firstFailing;
        ShrinkDemo.Case shrunk = ShrinkDemo.lastFailing;
        assertNotNull(first);
        System.out.println("first failing: ops=" + first.ops() + " schedule=[" + first.schedule().format() + "]");
        System.out.println("shrunk:        ops=" + shrunk.ops() + " schedule=[" + shrunk.schedule().format() + "]");
        System.out.println(shrunk.result().failure().get().describe());
        assertTrue(shrunk.schedule().events().size() <= first.schedule().events().size());
        assertTrue(shrunk.ops() <= first.ops());
        assertTrue(shrunk.schedule().events().size() + shrunk.ops() < first.schedule().events().size() + first.ops(),
                "shrinking made the case smaller");

        SimOptions replay = shrunk.result().options();
        RunResult again = Simulation.run(BrokenRaftVariants.localReadFollower(), replay, false);
        assertFalse(again.passed(), "the shrunk case replays to the same failure");
        assertEquals(shrunk.result().summary(), again.summary());
        assertEquals(FailureKind.LINEARIZABILITY, again.failure().get().kind());
    }
}
