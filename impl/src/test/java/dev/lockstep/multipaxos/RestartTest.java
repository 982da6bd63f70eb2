package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Event;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec action Restart: a crashed replica is rebuilt from exactly its durable records. */
class RestartTest {

    @Test
    void aRestartedAcceptorKeepsItsPromiseAndAcceptedValuesAndCatchesUp() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        c.settle(n(1));
        PaxosState before = c.state(2);
        long promised = before.promised;
        long fp = before.log.sealedFingerprint(0, 5);
        c.crash(n(2));
        c.restart(n(2));
        PaxosState after = c.state(2);
        assertEquals(promised, after.promised);
        assertEquals(5, after.log.len());
        assertEquals(0, after.commitIndex, "the commit index restarts at the snapshot's slot");
        assertEquals(Role.FOLLOWER, after.role);
        assertEquals(1, c.tracesOf(n(2), "Restart").size());
        c.settle(n(1));
        assertEquals(5, c.node(2).view().appliedIndex(), "re-applied after learning the commit index again");
        assertEquals(fp, c.state(2).log.sealedFingerprint(0, 5));
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void restartFromTheRecordsSinceTheLastCheckpointGivesTheSameState() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.snapshotEvery(cfg, 4));
        c.elect(n(1));
        for (int k = 1; k <= 10; k++) {
            c.submit(n(1), req(k), put("k" + k, "v" + k));
            c.deliverAll();
        }
        c.settle(n(1));
        List<DurableRecord> all = c.disks.get(n(2));
        int lastCheckpoint = 0;
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).isCheckpoint()) {
                lastCheckpoint = k;
            }
        }
        assertTrue(lastCheckpoint > 0);
        MultiPaxosReplica full = new MultiPaxosReplica(c.config(n(2)), 1);
        full.step(new Event.Recover(all));
        MultiPaxosReplica tail = new MultiPaxosReplica(c.config(n(2)), 1);
        tail.step(new Event.Recover(all.subList(lastCheckpoint, all.size())));
        assertEquals(full.view(), tail.view());
        assertTrue(full.state().machine.sameContentAs(tail.state().machine));
        assertEquals(full.view().snapshotSlot(), full.view().commitIndex());
        assertTrue(full.view().snapshotSlot() >= 8);
    }

    @Test
    void aCrashedLeaderIsReplacedAndChosenValuesSurviveItsReturn() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), req(1), put("x", "1"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(1)));
        c.crash(n(1));
        c.tickAll(60);
        NodeId leader = c.leader().orElseThrow();
        assertNotEquals(n(1), leader);
        c.restart(n(1));
        c.tickAll(20);
        for (NodeId id : c.live.keySet()) {
            assertEquals(Optional.of(Bytes.utf8("1")), c.live.get(id).state().machine.store().get(Bytes.utf8("x")),
                    id.toString());
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }
}
