package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftRecord.Checkpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raft §7: log compaction and InstallSnapshot to a lagging follower. */
class SnapshotTest {

    static ReplicaConfig snapshotEvery(ReplicaConfig cfg, int every) {
        return cfg.withParameters(LeaderTuning.of(cfg.parameters()).withSnapshotEvery(every).parameters());
    }

    @Test
    void theLeaderCompactsAndALaggingFollowerIsBroughtUpByASnapshot() {
        RaftCluster c = new RaftCluster(3, cfg -> snapshotEvery(cfg, 5));
        c.elect(n(1));
        c.settle(n(1));
        c.dropRule = RaftCluster.isolating(n(3));
        for (int k = 1; k <= 20; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v" + k));
            c.deliverAll();
        }
        RaftLog leaderLog = c.node(1).state().log;
        assertEquals(21, leaderLog.lastIndex());
        assertEquals(20, leaderLog.snapshotIndex(), "compacted every 5 applied entries");
        assertTrue(c.disks.get(n(1)).stream().anyMatch(DurableRecord::isCheckpoint));

        c.dropRule = e -> false;
        c.settle(n(1));
        assertEquals(1, c.tracesOf(n(1), "InstallSnapshot").size());
        assertEquals(1, c.tracesOf(n(3), "HandleInstallSnapshotRequest").size());
        RaftReplica follower = c.node(3);
        assertEquals(21, follower.view().logLen());
        assertEquals(21, follower.view().appliedIndex());
        assertTrue(follower.state().machine.sameContentAs(c.node(1).state().machine));

        c.submit(n(1), ReplicationTest.req(21), ReplicationTest.put("after", "snapshot"));
        c.settle(n(1));
        assertEquals(Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(21)));
        assertEquals(22, c.node(3).view().appliedIndex(), "replication resumes after the snapshot");
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aCheckpointHoldsTermVoteSnapshotAndLogSuffix() {
        RaftCluster c = new RaftCluster(3, cfg -> snapshotEvery(cfg, 3));
        c.elect(n(1));
        for (int k = 1; k <= 3; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v"));
        }
        c.deliverAll();
        List<DurableRecord> disk = c.disks.get(n(1));
        Checkpoint cp = (Checkpoint) disk.stream().filter(DurableRecord::isCheckpoint).reduce((a, b) -> b).orElseThrow();
        assertEquals(1, cp.term());
        assertEquals(n(1), cp.votedFor());
        assertTrue(cp.snapshotIndex() >= 3);
        assertEquals(1, cp.snapshotTerm());
        assertEquals(1, cp.snapshotTermStart());
        assertEquals(c.node(1).state().log.lastIndex() - cp.snapshotIndex(), cp.entries().size());
    }

    @Test
    void aSnapshotCoveredByTheFollowersLogOnlyMovesItsCommitIndex() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.deliverAll();
        RaftReplica f = c.node(2);
        long logBefore = f.view().logLen();
        assertEquals(1, f.view().commitIndex());
        var data = dev.lockstep.base.Bytes.wrap(c.node(1).state().machine.snapshotAtSlot(c.node(1).state().lastApplied));
        var reply = ElectionTest.sendOf(f.step(new dev.lockstep.core.Event.Receive(n(1),
                new RaftMessage.InstallSnapshotRequest(1, 2, 1, 1, data))));
        assertEquals(new RaftMessage.AppendEntriesResponse(1, true, 2, 0, 0), reply.message());
        assertEquals(2, f.view().commitIndex());
        assertEquals(logBefore, f.view().logLen());
        assertEquals(0, f.view().snapshotIndex(), "the log was kept, not replaced");
    }

    @Test
    void aSnapshotWhoseBytesDoNotDecodeIsIgnored() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        RaftReplica f = c.node(2);
        var step = f.step(new dev.lockstep.core.Event.Receive(n(1), new RaftMessage.InstallSnapshotRequest(1, 5, 1, 1,
                dev.lockstep.base.Bytes.utf8("garbage"))));
        assertTrue(step.effects().stream().noneMatch(e -> e instanceof dev.lockstep.core.Effect.Send));
        assertFalse(f.view().snapshotIndex() > 0);
    }
}
