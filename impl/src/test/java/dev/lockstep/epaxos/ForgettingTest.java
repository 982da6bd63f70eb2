package dev.lockstep.epaxos;

import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.CommitTest.get;
import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.Event;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Forgetting instances ({@link Forgetting}): a replica drops what every replica executed, keeps
 * what it needs to answer as if it still held it, and a checkpoint keeps the forgotten prefix.
 */
class ForgettingTest {

    private static EPaxosCluster forgetting(Map<String, Integer> more) {
        Map<String, Integer> tuning = new java.util.HashMap<>(more);
        tuning.put(EPaxosTuning.FORGET_TICKS, 1);
        return new EPaxosCluster(3, EPaxosConcerns.DEFAULT, tuning);
    }

    /** Three conflicting writes, one per owner, committed and executed everywhere. */
    private static void writeXFromEveryReplica(EPaxosCluster c) {
        for (int k = 1; k <= 3; k++) {
            c.submit(n(k), new RequestId(k, 1), put("x", "v" + k));
            c.deliverAll();
        }
    }

    /** Two rounds of executed-floor reports: the first tells, the second forgets. */
    private static void exchangeFloors(EPaxosCluster c) {
        for (int round = 0; round < 2; round++) {
            c.tickAll();
            c.deliverAll();
        }
    }

    @Test
    void everyReplicaForgetsWhatEveryReplicaExecutedAndIgnoresWhatStillArrivesAboutIt() {
        EPaxosCluster c = forgetting(Map.of());
        writeXFromEveryReplica(c);
        exchangeFloors(c);
        for (int k = 1; k <= 3; k++) {
            EPaxosState st = c.node(k).context().state;
            assertEquals(0, st.space.size(), "n" + k + " holds nothing");
            assertEquals(3L, c.node(k).status().counters().get("forgotten"));
            assertTrue(st.space.isForgotten(inst(2, 1)));
        }
        int traced = c.tracesOf(n(2), "IgnoreMessage").size();
        c.step(n(2), new Event.Receive(n(3), new EPaxosMessage.CommitRequest(inst(1, 1))));
        c.step(n(2), new Event.Receive(n(3), new EPaxosMessage.Recover(inst(1, 1), 5 * 256 + 3)));
        assertEquals(traced + 2, c.tracesOf(n(2), "IgnoreMessage").size(), "both ignored");
        assertTrue(c.network.isEmpty(), "and not answered");
        assertNull(c.instance(2, inst(1, 1)), "nor held again");

        c.submit(n(2), new RequestId(9, 1), put("x", "after"));
        c.deliverAll();
        Instance later = c.instance(1, inst(2, 2));
        assertEquals(Deps.of(1, 1, 1), later.deps, "a new conflict still depends on the forgotten ones");
        assertEquals(4, later.seq, "and comes after them: " + later);
        c.submit(n(3), new RequestId(9, 2), get("x"));
        c.deliverAll();
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("after"))), c.replyTo(new RequestId(9, 2)));
        assertTrue(c.firstViolation.isEmpty(), c.firstViolation.toString());
    }

    @Test
    void aReplicaThatIsDownKeepsTheOthersFromForgettingUntilItExecutedToo() {
        EPaxosCluster c = forgetting(Map.of());
        c.crash(n(3));
        c.submit(n(1), new RequestId(1, 1), put("x", "a"));
        c.submit(n(2), new RequestId(2, 1), put("y", "b"));
        c.deliverAll();
        exchangeFloors(c);
        assertEquals(2, c.node(1).context().state.space.size(), "n3 reported nothing: nothing is forgotten");
        c.restart(n(3));
        for (int t = 0; t < 30 && c.node(3).context().state.executedCount < 2; t++) {
            c.tickAll();
            c.deliverAll();
        }
        assertEquals(2, c.node(3).context().state.executedCount, "n3 asked for the commits and executed them");
        exchangeFloors(c);
        for (int k = 1; k <= 3; k++) {
            assertEquals(0, c.node(k).context().state.space.size(), "n" + k);
        }
    }

    @Test
    void aCheckpointKeepsTheForgottenPrefixAndWhatItKnowsOfIt() {
        EPaxosCluster c = forgetting(Map.of(EPaxosTuning.SNAPSHOT_EVERY, 1));
        writeXFromEveryReplica(c);
        exchangeFloors(c);
        c.submit(n(1), new RequestId(1, 2), put("y", "1"));
        c.deliverAll();
        EPaxosState before = c.node(2).context().state;
        long executed = before.executedCount;
        c.crash(n(2));
        c.restart(n(2));
        EPaxosState st = c.node(2).context().state;
        assertEquals(executed, st.executedCount, "the forgotten instances count as executed");
        assertTrue(st.space.isForgotten(inst(3, 1)));
        assertEquals(Optional.of(Bytes.utf8("v3")), st.machine.store().get(Bytes.utf8("x")));
        assertEquals(2, st.next, "n2 does not lead its forgotten instance 2.1 again");
        Payload x = Payload.Batch.of(List.of(new ClientEntry(new RequestId(99, 1), put("x", "again"))));
        assertEquals(Deps.of(1, 1, 1), st.known.of(x).deps(), "the conflict memory holds the forgotten ones");
        assertEquals(3L, st.known.of(x).maxSeq());
        assertEquals(1L, st.forgotten.highestConflicting(2, x), "and the summary for validations: 3.1 in the row of n3");
    }

    @Test
    void aValidationReportsTheHighestForgottenConflictOfEachRowAsCommitted() {
        EPaxosCluster c = forgetting(Map.of());
        writeXFromEveryReplica(c);
        exchangeFloors(c);
        Payload x = Payload.Batch.of(List.of(new ClientEntry(new RequestId(99, 1), put("x", "late"))));
        Payload y = Payload.Batch.of(List.of(new ClientEntry(new RequestId(99, 2), put("y", "late"))));
        Recovery recovery = c.node(2).context().recovery;
        // an instance 1.5 pre-accepted long ago with no dependencies: every forgotten write of x is unaware of it
        assertEquals(List.of(new EPaxosMessage.Conflict(inst(1, 1), Phase.COMMITTED),
                new EPaxosMessage.Conflict(inst(2, 1), Phase.COMMITTED),
                new EPaxosMessage.Conflict(inst(3, 1), Phase.COMMITTED)),
                recovery.conflictsOf(inst(1, 5), x, Deps.none(3)));
        assertEquals(List.of(new EPaxosMessage.Conflict(inst(3, 1), Phase.COMMITTED)),
                recovery.conflictsOf(inst(1, 5), x, Deps.of(1, 1, 0)), "rows the candidate covers are not reported");
        assertFalse(recovery.conflictsOf(inst(1, 5), y, Deps.none(3)).iterator().hasNext(), "y never conflicted");
    }
}
