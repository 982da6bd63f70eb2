package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Event;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Catch-up of chosen slots for a replica that lags behind a new leader's ballot. */
class CatchUpTest {

    @Test
    void aLaggingFollowerGetsTheSlotsChosenBeforeTheBallotFromTheCommitItReports() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.tune(cfg, 4, 2));
        c.elect(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 1; k <= 20; k++) {
            c.submit(n(1), req(k), put("k" + k, "v" + k));
        }
        c.settle(n(1));
        assertEquals(20, c.node(2).view().commitIndex());
        assertEquals(0, c.node(3).view().logLen());
        // n2 takes over with n1's promise; its ballot starts at slot 21, so n3 needs 1..20 as chosen values.
        c.crash(n(1));
        c.dropRule = e -> false;
        c.elect(n(2));
        c.submit(n(2), req(21), put("k21", "v21"));
        c.settle(n(2));
        assertTrue(c.tracesOf(n(2), "CatchUp").size() >= 5, "20 slots in batches of at most 4");
        for (var t : c.tracesOf(n(2), "CatchUp")) {
            assertTrue((Long) ((Map<?, ?>) t.fields().get("params")).get("count") <= 4);
        }
        assertEquals(21, c.node(3).view().commitIndex());
        assertEquals(21, c.node(3).view().appliedIndex());
        assertTrue(c.state(3).machine.sameContentAs(c.state(2).machine));
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aCatchUpWritesChosenValuesWithTheirBallotsAndCommitsAContiguousPrefix() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        MultiPaxosReplica f = c.node(3);
        PaxosEntry a = PaxosEntry.cmd(257, req(1), put("a", "1"));
        PaxosEntry b = PaxosEntry.noop(514);
        f.step(new Event.Receive(n(2), new CatchUpRequest(770, 3, List.of(a))));
        assertEquals(3, f.view().logLen());
        assertEquals(0, f.view().commitIndex(), "slots 1..2 unknown: the commit index cannot pass them");
        f.step(new Event.Receive(n(2), new CatchUpRequest(770, 1, List.of(b, b))));
        assertEquals(2, f.view().commitIndex(), "the spec extends the commit index over this message's slots only");
        f.step(new Event.Receive(n(2), new CatchUpRequest(770, 2, List.of(b, a))));
        assertEquals(3, f.view().commitIndex(), "now 1..3 are chosen and known");
        assertEquals(257, f.state().log.entry(3).bal(), "chosen values keep their original ballots");
        assertEquals(0, f.view().promised(), "a catch-up promises nothing");
        var ignored = f.step(new Event.Receive(n(2), new CatchUpRequest(770, 1, List.of(b))));
        assertEquals(3, f.view().commitIndex());
        assertEquals(List.of(), ignored.effects(), "a catch-up that brings nothing new is ignored: no trace line");
    }
}
