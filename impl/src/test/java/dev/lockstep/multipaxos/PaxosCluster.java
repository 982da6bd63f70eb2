package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The scripted test cluster ({@link ScriptedCluster}) of MultiPaxos replicas, with its
 * leadership helpers.
 */
final class PaxosCluster extends ScriptedCluster<MultiPaxosReplica, PaxosMessage> {

    PaxosCluster(int size, UnaryOperator<ReplicaConfig> tune) {
        this(size, tune, PaxosConcerns.DEFAULT);
    }

    PaxosCluster(int size, UnaryOperator<ReplicaConfig> tune, PaxosConcerns concerns) {
        super(size, tune, (config, seed) -> new MultiPaxosReplica(config, seed, concerns), PaxosInvariants.INSTANCE,
                PaxosCodec.INSTANCE, PaxosMessage.class);
    }

    PaxosState state(int k) {
        return node(k).state();
    }

    /** Makes {@code id} the leader: only its timer runs until it leads (other timers are reset by its messages). */
    void elect(NodeId id) {
        for (int k = 0; k < 500; k++) {
            if (live.get(id).view().role() == Role.LEADER) {
                deliverAll();
                return;
            }
            tick(id);
            deliverAll();
        }
        throw new AssertionError(id + " did not become leader");
    }

    /** Heartbeats from the leader until everyone learned its commit index. */
    void settle(NodeId leader) {
        for (int k = 0; k < 6; k++) {
            tick(leader);
            deliverAll();
        }
    }

    /** The live leader with the highest ballot, if any. */
    @Override
    public Optional<NodeId> leader() {
        NodeId best = null;
        long ballot = -1;
        for (MultiPaxosReplica r : live.values()) {
            if (r.view().role() == Role.LEADER && r.view().promised() > ballot) {
                best = r.id();
                ballot = r.view().promised();
            }
        }
        return Optional.ofNullable(best);
    }
}
