package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final dev.lockstep.core.Protocol RAFT = dev.lockstep.core.ProtocolRegistry.get("raft");


    @Test
    void textFormRoundTrips() {
        String text = "part@0+300:n1,n2 cut@100+50:leader,n3 oneway@200+10:n3 crash@900+400:leader pause@1200+80:n2";
        FaultSchedule s = FaultSchedule.parse(text, 3);
        assertEquals(5, s.events().size());
        assertEquals(text, s.format());
        assertEquals(new FaultEvent.Crash(900, 400, FaultEvent.LEADER), s.events().get(3));
    }

    @Test
    void badItemsAreRejectedWithTheirText() {
        for (String bad : List.of("crash@1+2:n4", "boom@1+2:n1", "crash@1+2:n1,n2", "part@x+1:n1", "part@1:n1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultSchedule.parse(bad, 3));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void partitionModesCutTheRightLinks() {
        FaultEvent.Partition split = new FaultEvent.Partition(0, 1, List.of(1), FaultEvent.Mode.SPLIT);
        FaultEvent.Partition oneWay = new FaultEvent.Partition(0, 1, List.of(1), FaultEvent.Mode.ONE_WAY);
        FaultEvent.Partition cut = new FaultEvent.Partition(0, 1, List.of(1, 2), FaultEvent.Mode.CUT);
        assertTrue(split.cuts(1, 2) && split.cuts(2, 1) && !split.cuts(2, 3));
        assertTrue(oneWay.cuts(2, 1) && !oneWay.cuts(1, 2));
        assertTrue(cut.cuts(1, 2) && cut.cuts(2, 1) && !cut.cuts(1, 3) && !cut.cuts(3, 2));
    }

    @Test
    void faultKindsParseAndFormat() {
        assertEquals(EnumSet.allOf(FaultKind.class), FaultKind.parseList("all"));
        assertEquals(EnumSet.noneOf(FaultKind.class), FaultKind.parseList("none"));
        assertEquals(EnumSet.of(FaultKind.LOSS, FaultKind.CRASH), FaultKind.parseList("crash, loss"));
        assertEquals("loss,crash", FaultKind.formatList(EnumSet.of(FaultKind.LOSS, FaultKind.CRASH)));
        assertThrows(IllegalArgumentException.class, () -> FaultKind.parseList("loss,meteor"));
    }

    @Test
    void seedDerivesEveryOptionAndRestrictedKindsStayOff() {
        SimOptions a = ScenarioGenerator.fromSeed(RAFT, 42, EnumSet.allOf(FaultKind.class), 50);
        assertEquals(a, ScenarioGenerator.fromSeed(RAFT, 42, EnumSet.allOf(FaultKind.class), 50));
        SimOptions calm = ScenarioGenerator.fromSeed(RAFT, 42, EnumSet.noneOf(FaultKind.class), 50);
        assertTrue(calm.schedule().events().isEmpty());
        assertEquals(0, calm.network().loss());
        assertEquals(0, calm.network().duplicate());
        assertFalse(calm.network().reorder());
        SimOptions crashOnly = ScenarioGenerator.fromSeed(RAFT, 7, EnumSet.of(FaultKind.CRASH), 50);
        assertTrue(crashOnly.schedule().events().stream().allMatch(e -> e instanceof FaultEvent.Crash));
        System.out.println(a.describe());
    }

    @Test
    void replayCommandNamesOnlyNonDefaultOptions() {
        SimOptions o = ScenarioGenerator.fromSeed(RAFT, 5, EnumSet.allOf(FaultKind.class), ScenarioGenerator.DEFAULT_OPS);
        assertEquals("./lockstep simulate --protocol raft --seed 5", Replay.command("raft", o));
        SimOptions custom = ScenarioGenerator.fromSeed(RAFT, 5, EnumSet.of(FaultKind.LOSS), 30)
                .withSchedule(FaultSchedule.parse("crash@10+20:n1", 5)).withEndSessionEvery(3);
        assertEquals("./lockstep simulate --protocol raft --seed 5 --ops 30 --end-sessions 3 --faults loss"
                + " --schedule \"crash@10+20:n1\"", Replay.command("raft", custom));
        assertTrue(custom.describe().contains("endSessionEvery=3"), custom.describe());
        assertFalse(o.describe().contains("endSessionEvery"), "runs without churn describe themselves as before");
    }
}
