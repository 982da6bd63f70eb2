package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aRestartedFollowerHasItsDurableStateAndCatchesUp() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v"));
        }
        c.settle(n(1));
        RaftState before = c.node(2).state();
        long term = before.currentTerm;
        NodeId vote = before.votedFor;
        long fp = before.log.rangeFingerprint(0, before.log.lastIndex());
        c.crash(n(2));
        c.restart(n(2));
        RaftState after = c.node(2).state();
        assertEquals(term, after.currentTerm);
        assertEquals(vote, after.votedFor);
        assertEquals(fp, after.log.rangeFingerprint(0, after.log.lastIndex()));
        assertEquals(0, after.commitIndex, "commit restarts at the snapshot index");
        assertEquals(Role.FOLLOWER, after.role);
        assertEquals(1, c.tracesOf(n(2), "Restart").size());
        c.settle(n(1));
        assertEquals(6, c.node(2).view().appliedIndex(), "re-applied after learning the commit index");
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void restartFromTheRecordsSinceTheLastCheckpointGivesTheSameState() {
        RaftCluster c = new RaftCluster(3, cfg -> SnapshotTest.snapshotEvery(cfg, 4));
        c.elect(n(1));
        for (int k = 1; k <= 10; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v" + k));
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
        RaftReplica full = new RaftReplica(c.config(n(2)), 1);
        full.step(new Event.Recover(all));
        RaftReplica tail = new RaftReplica(c.config(n(2)), 1);
        tail.step(new Event.Recover(all.subList(lastCheckpoint, all.size())));
        assertEquals(full.view(), tail.view());
        assertTrue(full.state().machine.sameContentAs(tail.state().machine));
        assertEquals(full.view().snapshotIndex(), full.view().commitIndex());
        assertTrue(full.view().snapshotIndex() >= 8);
    }

    @Test
    void aCrashedLeaderIsReplacedAndCommittedWritesSurvive() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(1)));
        c.crash(n(1));
        c.tickAll(60);
        NodeId leader = c.leader().orElseThrow();
        assertNotEquals(n(1), leader);
        c.restart(n(1));
        c.tickAll(20);
        for (NodeId id : c.live.keySet()) {
            assertEquals(Optional.of(dev.lockstep.base.Bytes.utf8("1")),
                    c.live.get(id).state().machine.store().get(dev.lockstep.base.Bytes.utf8("x")), id.toString());
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    /**
     * Outside the fault model: a follower comes back without log entries it had acknowledged
     * (storage lost fsynced data). The leader cannot tell this from a stale rejection, so it must
     * neither spin re-sending the same probe at network speed nor make the follower commit past
     * the end of its log; the rest of the cluster keeps committing.
     */
    @Test
    void aFollowerThatLostAcknowledgedEntriesDoesNotMakeTheLeaderSpin() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v"));
        }
        c.settle(n(1));
        c.crash(n(2));
        List<DurableRecord> disk = c.disks.get(n(2));
        while (disk.get(disk.size() - 1) instanceof RaftRecord.LogAppend) {
            disk.remove(disk.size() - 1);
        }
        c.restart(n(2));
        long lostFrom = c.node(2).state().log.lastIndex() + 1;
        for (int round = 0; round < 5; round++) {
            c.tickAll(3);
            assertTrue(c.deliverAll() < 1000, "the leader keeps re-sending a rejected probe");
            RaftState follower = c.node(2).state();
            assertTrue(follower.commitIndex <= follower.log.lastIndex(),
                    "commit " + follower.commitIndex + " beyond the log's end " + follower.log.lastIndex());
        }
        c.submit(n(1), ReplicationTest.req(6), ReplicationTest.put("k6", "v"));
        c.settle(n(1));
        assertEquals(Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(6)), "n1 and n3 still commit");
        assertTrue(lostFrom <= 6);
    }
}
