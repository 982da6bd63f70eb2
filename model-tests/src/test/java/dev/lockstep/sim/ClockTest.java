package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.sim.toy.ToyBug;
import dev.lockstep.sim.toy.ToyProtocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated time as a replica reads it: every node has its own clock (offset, drift, forward
 * jumps) that runs on through pauses; protocols that do not read the clock run exactly the same
 * with or without clock faults.
 */
class ClockTest {

    @Test
    void aClockDriftsByItsRateJumpsForwardAndNeverGoesBack() {
        SimClock clock = new SimClock(5, 100, List.of(new FaultEvent.ClockJump(2_000, 300, 1)));
        assertEquals(5_000_000L, clock.read(0));
        assertEquals(5_000_000L + 1_000_000_000L + 100_000L, clock.read(1_000), "100 ppm fast: 0.1 ms per second");
        long afterJump = clock.read(2_000);
        assertEquals(5_000_000L + 2_000_000_000L + 200_000L + 300_000_000L, afterJump);
        assertThrows(IllegalStateException.class, () -> clock.read(1_500), "readings never go back");
        assertThrows(IllegalArgumentException.class, () -> new SimClock(0, -1_000_000, List.of()));
    }

    /** The acceptance: a paused node sees its clock advance when it resumes. */
    @Test
    void aPausedNodeSeesItsClockAdvanceWhenItResumes() {
        List<Long> readings = new ArrayList<>();
        Protocol toy = ToyProtocol.descriptor(ToyBug.NONE);
        Protocol recording = toy.named("toy-clock").withFactory((config, seed) -> {
            Replica inner = toy.factory().create(config, seed);
            return config.self().equals(NodeId.of(2)) ? new TickRecorder(inner, readings) : inner;
        });
        SimOptions o = ScenarioGenerator.fromSeed(recording, 11, EnumSet.noneOf(FaultKind.class), 20)
                .withSchedule(FaultSchedule.parse("pause@1000+700:n2", 3));
        RunResult r = Simulation.run(recording, o, false);
        assertTrue(r.passed(), r.summary());
        long longestGap = 0;
        for (int k = 1; k < readings.size(); k++) {
            assertTrue(readings.get(k) > readings.get(k - 1), "monotonic");
            longestGap = Math.max(longestGap, readings.get(k) - readings.get(k - 1));
        }
        long tick = o.tickMs() * 1_000_000L;
        assertTrue(longestGap >= 700 * 1_000_000L, "the first tick after the pause reads at least 700 ms later: "
                + longestGap / 1e6 + " ms");
        assertTrue(longestGap <= 700 * 1_000_000L + tick, "and not more than a tick beyond: " + longestGap / 1e6 + " ms");
    }

    /**
     * Raft and MultiPaxos do not read the clock: a run with drifting and jumping clocks is the
     * very same run as without them (same steps, messages, answers, trace lines).
     */
    @Test
    void clockFaultsChangeNothingForProtocolsThatDoNotReadTheClock() {
        for (String name : List.of("raft", "multipaxos")) {
            Protocol p = ProtocolRegistry.get(name);
            int drifting = 0;
            for (long seed = 300; seed < 306; seed++) {
                SimOptions withClocks = ScenarioGenerator.fromSeed(p, seed, EnumSet.allOf(FaultKind.class), 40);
                SimOptions without = withClocks.withoutClockFaults();
                drifting += withClocks.clocks().ratePpm().stream().anyMatch(ppm -> ppm != 0) ? 1 : 0;
                RunResult a = Simulation.run(p, withClocks, true);
                RunResult b = Simulation.run(p, without, true);
                String what = name + " seed " + seed;
                assertTrue(a.passed(), what + ": " + a.summary());
                assertEquals(b.replicaSteps(), a.replicaSteps(), what);
                assertEquals(b.simEvents(), a.simEvents(), what);
                assertEquals(b.messages(), a.messages(), what);
                assertEquals(b.opsOk(), a.opsOk(), what);
                assertEquals(b.lin().map(l -> l.verdict()), a.lin().map(l -> l.verdict()), what);
                assertEquals(b.trace(), a.trace(), what + ": trace lines");
            }
            assertTrue(drifting >= 5, name + ": the clocks did drift in " + drifting + " of 6 runs");
        }
    }

    @Test
    void clockFaultsComeFromTheirOwnStreamAndLeaveEveryOtherOptionAlone() {
        Protocol raft = ProtocolRegistry.get("raft");
        EnumSet<FaultKind> all = EnumSet.allOf(FaultKind.class);
        EnumSet<FaultKind> noClock = EnumSet.complementOf(EnumSet.of(FaultKind.CLOCK));
        SimOptions with = ScenarioGenerator.fromSeed(raft, 77, all, 50);
        SimOptions without = ScenarioGenerator.fromSeed(raft, 77, noClock, 50);
        assertEquals(without.parameters(), with.parameters());
        assertEquals(without.network(), with.network());
        assertEquals(without.workload(), with.workload());
        assertEquals(without.clocks().offsetMs(), with.clocks().offsetMs());
        assertEquals(without.schedule(), with.withoutClockFaults().schedule());
        assertTrue(without.clocks().ratePpm().stream().allMatch(ppm -> ppm == 0));
        FaultSchedule parsed = FaultSchedule.parse("jump@500+2000:n2", 3);
        assertEquals(List.of(new FaultEvent.ClockJump(500, 2000, 2)), parsed.events());
        assertEquals("jump@500+2000:n2", parsed.format());
        assertThrows(IllegalArgumentException.class, () -> FaultSchedule.parse("jump@500+2000:leader", 3));
    }

    /** Passes every event through and writes down the clock reading of each tick. */
    private record TickRecorder(Replica inner, List<Long> readings) implements Replica {
        @Override
        public NodeId id() {
            return inner.id();
        }

        @Override
        public Step step(Event event) {
            if (event instanceof Event.Tick t) {
                readings.add(t.clockNanos());
            }
            return inner.step(event);
        }

        @Override
        public ReplicaStatus status() {
            return inner.status();
        }
    }
}
