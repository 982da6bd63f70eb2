package dev.lockstep.raft;

import dev.lockstep.core.RandomizedClusterContract;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import dev.lockstep.kv.KvStateMachine;
import java.util.function.UnaryOperator;

/** {@link RandomizedClusterContract} over Raft: faults, safety, liveness and determinism by seed. */
class RandomizedClusterTest extends RandomizedClusterContract<RaftReplica, RaftMessage> {

    @Override
    protected ScriptedCluster<RaftReplica, RaftMessage> cluster(int size, UnaryOperator<ReplicaConfig> tune) {
        return new RaftCluster(size, tune);
    }

    @Override
    protected long termOf(RaftReplica replica) {
        return replica.view().currentTerm();
    }

    @Override
    protected KvStateMachine machineOf(RaftReplica replica) {
        return replica.state().machine;
    }

    @Override
    protected boolean compacted(RaftReplica replica) {
        return replica.view().snapshotIndex() != 0;
    }
}
