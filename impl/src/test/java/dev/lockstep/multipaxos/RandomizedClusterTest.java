package dev.lockstep.multipaxos;

import dev.lockstep.core.RandomizedClusterContract;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import dev.lockstep.kv.KvStateMachine;
import java.util.function.UnaryOperator;

/** {@link RandomizedClusterContract} over MultiPaxos: faults, safety, liveness and determinism by seed. */
class RandomizedClusterTest extends RandomizedClusterContract<MultiPaxosReplica, PaxosMessage> {

    @Override
    protected ScriptedCluster<MultiPaxosReplica, PaxosMessage> cluster(int size, UnaryOperator<ReplicaConfig> tune) {
        return new PaxosCluster(size, tune);
    }

    @Override
    protected long termOf(MultiPaxosReplica replica) {
        return replica.view().promised();
    }

    @Override
    protected KvStateMachine machineOf(MultiPaxosReplica replica) {
        return replica.state().machine;
    }

    @Override
    protected boolean compacted(MultiPaxosReplica replica) {
        return replica.view().snapshotSlot() != 0;
    }
}
