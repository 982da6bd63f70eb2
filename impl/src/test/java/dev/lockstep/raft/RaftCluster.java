package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The scripted test cluster ({@link ScriptedCluster}) of Raft replicas, with Raft's election
 * and leader helpers.
 */
final class RaftCluster extends ScriptedCluster<RaftReplica, RaftMessage> {

    RaftCluster(int size, UnaryOperator<ReplicaConfig> tune) {
        this(size, tune, RaftConcerns.DEFAULT);
    }

    RaftCluster(int size, UnaryOperator<ReplicaConfig> tune, RaftConcerns concerns) {
        super(size, tune, (config, seed) -> new RaftReplica(config, seed, concerns), RaftInvariants.INSTANCE,
                RaftCodec.INSTANCE, RaftMessage.class);
    }

    /**
     * Makes {@code id} the leader: every live node ticks (so the others stop counting on an old
     * leader and PreVote lets them grant), but only {@code id}'s election messages get through.
     */
    void elect(NodeId id) {
        electBy(id, m -> m instanceof RaftMessage.RequestPreVoteRequest || m instanceof RaftMessage.RequestVoteRequest,
                r -> r.state().role == Role.LEADER);
    }

    /** Heartbeats from the leader until everyone learned its commit index. */
    void settle(NodeId leader) {
        for (int k = 0; k < 4; k++) {
            tick(leader);
            deliverAll();
        }
    }

    @Override
    public Optional<NodeId> leader() {
        return live.values().stream().filter(r -> r.state().role == Role.LEADER).map(RaftReplica::id)
                .reduce((a, b) -> b);
    }
}
