package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.util.EnumSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Raft under generated fault schedules and workloads. On a failure jqwik shrinks the schedule and
 * the workload and reports the smallest failing case; its replay command reproduces it exactly.
 */
class RaftScheduleProperties {
    private static final Protocol RAFT = ProtocolRegistry.get("raft");

    @Property(tries = 60, seed = "20240611")
    void raftSurvivesGeneratedSchedules(@ForAll("seeds") long seed, @ForAll("schedules") FaultSchedule schedule,
            @ForAll @IntRange(min = 5, max = 120) int ops) {
        SimOptions options = ScenarioGenerator.fromSeed(RAFT, seed, EnumSet.allOf(FaultKind.class), ops).withSchedule(schedule);
        RunResult r = Simulation.run(RAFT, options, false);
        assertTrue(r.passed(), () -> r.summary() + "\n" + r.failure().get().describe());
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
