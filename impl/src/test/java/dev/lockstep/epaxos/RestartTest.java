package dev.lockstep.epaxos;

import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.CommitTest.get;
import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durable state (EPaxos §4.7): what a replica promised, accepted and committed survives its restart. */
class RestartTest {

    @Test
    void aRestartedReplicaKeepsItsPromiseAndItsCommittedInstancesAndExecutesThemAgain() {
        EPaxosCluster c = new EPaxosCluster(3);
        c.submit(n(1), new RequestId(1, 1), put("x", "1"));
        c.submit(n(1), new RequestId(1, 2), put("x", "2"));
        c.deliverAll();
        c.step(n(3), new dev.lockstep.core.Event.Receive(n(2), new EPaxosMessage.Recover(inst(1, 9), 3 * 256 + 2)));
        c.crash(n(3));
        c.restart(n(3));
        EPaxosReplica r = c.node(3);
        assertEquals(3 * 256 + 2, c.instance(3, inst(1, 9)).bal, "the promise survives");
        assertEquals(Phase.COMMITTED, c.instance(3, inst(1, 2)).phase);
        assertEquals(2, r.context().state.executedCount, "both commands executed again");
        assertEquals(Optional.of(Bytes.utf8("2")), r.context().state.machine.store().get(Bytes.utf8("x")));
        c.submit(n(3), new RequestId(3, 1), get("x"));
        c.deliverAll();
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("2"))), c.replyTo(new RequestId(3, 1)));
        assertEquals(2, r.context().state.next, "n3 led one instance since");
    }

    @Test
    void aCheckpointReplacesTheRecordsBeforeItAndRestoresTheSameState() {
        EPaxosCluster c = new EPaxosCluster(3, EPaxosConcerns.DEFAULT, Map.of(EPaxosTuning.SNAPSHOT_EVERY, 3));
        for (int k = 1; k <= 7; k++) {
            c.submit(n(1 + k % 3), new RequestId(k, 1), put("k" + k, "v" + k));
            c.deliverAll();
        }
        List<DurableRecord> disk = c.disks.get(n(2));
        assertTrue(disk.stream().anyMatch(DurableRecord::isCheckpoint), "checkpoints were written");
        long executed = c.node(2).context().state.executedCount;
        c.crash(n(2));
        c.restart(n(2));
        EPaxosState st = c.node(2).context().state;
        assertEquals(executed, st.executedCount);
        assertEquals(Optional.of(Bytes.utf8("v7")), st.machine.store().get(Bytes.utf8("k7")));
        assertTrue(st.known.of(Payload.Batch.of(List.of(new dev.lockstep.common.ClientEntry(new RequestId(99, 1),
                put("k7", "again"))))).deps().isNone() == false, "the conflict memory is rebuilt from the instances");
    }

    /** One replica (n = 1: every quorum is itself): writes before a restart, reads and writes after. */
    @Test
    void aSingleReplicaServesAfterARestart() {
        EPaxosCluster c = new EPaxosCluster(1);
        for (int k = 1; k <= 50; k++) {
            c.submit(n(1), new RequestId(1, k), put("k" + k, "v" + k));
            c.tick(n(1));
            c.deliverAll();
        }
        assertEquals(50, c.node(1).context().state.executedCount, "before the crash");
        c.crash(n(1));
        c.restart(n(1));
        EPaxosState st = c.node(1).context().state;
        assertEquals(50, st.executedCount, "executed again: " + c.disks.get(n(1)).size() + " records");
        c.submit(n(1), new RequestId(2, 1), get("k50"));
        c.deliverAll();
        for (int t = 0; t < 5; t++) {
            c.tick(n(1));
            c.deliverAll();
        }
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("v50"))), c.replyTo(new RequestId(2, 1)));
    }
}
