package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.raft.BrokenRaftVariants;
import java.util.EnumSet;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * A property that FAILS by design (a Raft follower that serves reads locally), run only by
 * {@link ScheduleShrinkingTest} through the JUnit launcher: its name matches no surefire include,
 * and it skips itself unless the system property {@value #ENABLE} is true. It records the first
 * and the last failing input: the last one is jqwik's shrunk case.
 */
@AddLifecycleHook(ShrinkDemo.OnlyWhenAsked.class)
class ShrinkDemo {
    static final String ENABLE = "lockstep.shrinkdemo";

    /** Skips the demo when it is discovered by an ordinary test run. */
    static final class OnlyWhenAsked implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Boolean.getBoolean(ENABLE) ? SkipResult.doNotSkip()
                    : SkipResult.skip("fails by design; runs only inside ScheduleShrinkingTest");
        }
    }

    record Case(long seed, FaultSchedule schedule, int ops, RunResult result) {}

    static volatile Case firstFailing;
    static volatile Case lastFailing;

    @Property(tries = 200, seed = "99", shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void localReadsStayLinearizable(@ForAll("seeds") long seed, @ForAll("schedules") FaultSchedule schedule,
            @ForAll @IntRange(min = 5, max = 60) int ops) {
        SimOptions options = ScenarioGenerator.fromSeed(BrokenRaftVariants.localReadFollower(), seed, EnumSet.allOf(FaultKind.class), ops).withSchedule(schedule);
        RunResult r = Simulation.run(BrokenRaftVariants.localReadFollower(), options, false);
        if (!r.passed()) {
            Case c = new Case(seed, schedule, ops, r);
            if (firstFailing == null) {
                firstFailing = c;
            }
            lastFailing = c;
        }
        assertTrue(r.passed(), () -> r.failure().get().describe());
    }

    @Provide
    Arbitrary<FaultSchedule> schedules() {
        return Schedules.schedules();
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Schedules.seeds();
    }
}
