package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.kv.Result;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosRecord.Checkpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Compaction at snapshotEvery applied slots, and InstallSnapshot for replicas that need compacted slots. */
class SnapshotTest {

    @Test
    void theLeaderCompactsAndALaggingFollowerIsBroughtUpByASnapshot() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.snapshotEvery(cfg, 5));
        c.elect(n(1));
        c.settle(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 1; k <= 21; k++) {
            c.submit(n(1), req(k), put("k" + k, "v" + k));
            c.deliverAll();
        }
        PaxosLog leaderLog = c.state(1).log;
        assertEquals(21, leaderLog.len());
        assertEquals(20, leaderLog.snapshotSlot(), "compacted every 5 applied slots");
        assertTrue(c.disks.get(n(1)).stream().anyMatch(DurableRecord::isCheckpoint));

        c.dropRule = e -> false;
        c.settle(n(1));
        assertEquals(1, c.tracesOf(n(1), "InstallSnapshot").size());
        assertEquals(1, c.tracesOf(n(3), "HandleInstallSnapshotRequest").size());
        MultiPaxosReplica follower = c.node(3);
        assertEquals(21, follower.view().logLen());
        assertEquals(21, follower.view().appliedIndex());
        assertTrue(follower.state().machine.sameContentAs(c.state(1).machine));

        c.submit(n(1), req(22), put("after", "snapshot"));
        c.settle(n(1));
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(22)));
        assertEquals(22, c.node(3).view().appliedIndex(), "replication resumes after the snapshot");
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aCheckpointHoldsThePromiseTheSnapshotAndTheLogAfterIt() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.snapshotEvery(cfg, 3));
        c.elect(n(1));
        for (int k = 1; k <= 4; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        c.deliverAll();
        List<DurableRecord> disk = c.disks.get(n(1));
        Checkpoint cp = (Checkpoint) disk.stream().filter(DurableRecord::isCheckpoint).reduce((a, b) -> b).orElseThrow();
        assertEquals(257, cp.promised());
        assertEquals(3, cp.snapshotSlot());
        assertEquals(257, cp.snapshotBal());
        assertEquals(c.state(1).log.len() - cp.snapshotSlot(), cp.entries().size());
    }

    @Test
    void aReplicaWhoseSnapshotAProposerLacksSendsTheSnapshotInsteadOfAPromise() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.snapshotEvery(cfg, 5));
        c.elect(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 1; k <= 10; k++) {
            c.submit(n(1), req(k), put("k" + k, "v" + k));
        }
        c.settle(n(1));
        assertEquals(10, c.state(2).log.snapshotSlot());
        c.dropRule = e -> false;
        // n3 (commit 0) asks n2 for a promise: n2 cannot report slots 1..10, so it sends its snapshot.
        var step = c.node(2).step(new Event.Receive(n(3), new PrepareRequest(2 * 256 + 3, 0)));
        Effect.Send send = ElectionTest.sendOf(step);
        assertTrue(send.message() instanceof InstallSnapshotRequest s && s.lastSlot() == 10);
        assertEquals(257, c.node(2).view().promised(), "no promise was made");
        assertEquals(List.of("InstallSnapshot"), step.effects().stream().filter(e -> e instanceof Effect.Trace)
                .map(e -> ((Effect.Trace) e).action()).toList());
    }

    @Test
    void aSnapshotWhoseBytesDoNotDecodeIsIgnored() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        MultiPaxosReplica f = c.node(2);
        var step = f.step(new Event.Receive(n(1), new InstallSnapshotRequest(257, 5, 257, Bytes.utf8("garbage"))));
        assertEquals(List.of(), step.effects());
        assertEquals(0, f.view().snapshotSlot());
    }
}
