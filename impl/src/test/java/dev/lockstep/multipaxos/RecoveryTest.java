package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Event;
import dev.lockstep.kv.Result;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Paxos Made Simple" §2.2 and §3: a new leader proposes, in every open slot, the value of the
 * highest-numbered proposal its promises report, and fills the slots nobody reports with no-ops.
 */
class RecoveryTest {

    /**
     * n1 leads ballot 257 in a cluster of five and proposes A, B, C in slots 1..3; only n2 accepts
     * A and C (slot 2 reaches nobody), n3 accepts nothing. Then n1 crashes; n3 prepares, and its
     * promises are n2, n4, n5: A and C live only on a minority.
     */
    private static PaxosCluster minorityHoldsAandC() {
        PaxosCluster c = new PaxosCluster(5, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        c.dropRule = e -> e.from().equals(n(1)) && e.message() instanceof AcceptRequest a && !a.entries().isEmpty()
                && (!e.to().equals(n(2)) || a.slot() == 2);
        c.submit(n(1), req(1), put("a", "A"));
        c.submit(n(1), req(2), put("b", "B"));
        c.submit(n(1), req(3), put("c", "C"));
        c.deliverAll();
        assertEquals(3, c.node(2).view().logLen());
        assertTrue(c.state(2).log.entry(2).isNone());
        assertEquals(0, c.node(1).view().commitIndex(), "nothing was chosen");
        c.crash(n(1));
        c.dropRule = e -> false;
        return c;
    }

    @Test
    void aNewLeaderRecoversValuesAcceptedByAMinorityAndFillsTheHoleWithANoop() {
        PaxosCluster c = minorityHoldsAandC();
        c.elect(n(3));
        long ballot = c.node(3).view().promised();
        assertEquals(2 * 256 + 3, ballot);
        PaxosLog log = c.state(3).log;
        assertEquals(3, log.len());
        assertEquals(PaxosEntry.cmd(ballot, req(1), put("a", "A")), log.entry(1), "A recovered from n2's promise");
        assertEquals(PaxosEntry.noop(ballot), log.entry(2), "the hole is filled with a no-op");
        assertEquals(PaxosEntry.cmd(ballot, req(3), put("c", "C")), log.entry(3));
        Map<?, ?> state = (Map<?, ?>) c.tracesOf(n(3), "BecomeLeader").get(0).fields().get("state");
        assertEquals(1L, state.get("firstSlot"));
        assertEquals(3L, state.get("lastSlot"));
        c.settle(n(3));
        for (int k = 2; k <= 5; k++) {
            assertEquals(3, c.node(k).view().appliedIndex(), "n" + k);
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void theHighestBallotWinsWhenPromisesReportDifferentValues() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        MultiPaxosReplica p = c.node(1);
        c.dropRule = e -> e.message() instanceof PrepareRequest;
        c.timeOut(n(1));
        long ballot = p.view().promised();
        PaxosEntry older = PaxosEntry.cmd(256 + 2, req(8), put("x", "old"));
        PaxosEntry newer = PaxosEntry.cmd(2 * 256 + 3, req(9), put("x", "new"));
        // Three replicas: n2's promise alone makes a quorum, and its value for slot 4 is recovered.
        c.step(n(1), new Event.Receive(n(2), new PrepareResponse(ballot, true, 0,
                List.of(new PaxosMessage.SlotEntry(4, older)))));
        assertEquals(dev.lockstep.common.Role.LEADER, p.view().role());
        assertEquals(older.withBal(ballot), p.state().log.entry(4));
        assertTrue(p.state().log.entry(1).isNoop());

        PaxosCluster c2 = new PaxosCluster(5, cfg -> cfg);
        MultiPaxosReplica q = c2.node(1);
        c2.dropRule = e -> e.message() instanceof PrepareRequest;
        c2.timeOut(n(1));
        long b = q.view().promised();
        c2.step(n(1), new Event.Receive(n(2), new PrepareResponse(b, true, 0,
                List.of(new PaxosMessage.SlotEntry(4, older)))));
        c2.step(n(1), new Event.Receive(n(3), new PrepareResponse(b, true, 0,
                List.of(new PaxosMessage.SlotEntry(4, newer)))));
        assertEquals(newer.withBal(b), q.state().log.entry(4), "n3's value of ballot 771 beats n2's of 258");
        assertEquals(List.of("n1", "n2", "n3"), ((Map<?, ?>) c2.tracesOf(n(1), "HandlePrepareResponse").get(1)
                .fields().get("state")).get("promises"));
    }

    @Test
    void aChosenValueSurvivesEveryLaterLeader() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), req(1), put("x", "1"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
        // Chosen by n1 and n2; n3 never saw it. n1 dies, n3 leads with n2's promise.
        c.crash(n(1));
        c.elect(n(3));
        c.settle(n(3));
        assertEquals(put("x", "1"), c.state(3).log.entry(1).command());
        assertEquals(1, c.node(3).view().appliedIndex());
        assertEquals(Optional.empty(), c.firstViolation);
    }
}
