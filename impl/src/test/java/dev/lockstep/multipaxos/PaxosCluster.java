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

    /**
     * Makes {@code id} the leader: every timer runs, but only {@code id}'s pre-prepares and
     * prepares are delivered. Like Raft's PreVote, a pre-prepare is refused by a replica that
     * hears a live leader, so a test cuts the old leader off (or crashes it) first.
     */
    void elect(NodeId id) {
        electBy(id, m -> m instanceof PaxosMessage.PrePrepareRequest || m instanceof PaxosMessage.PrepareRequest,
                r -> r.view().role() == Role.LEADER);
    }

    /**
     * Ticks {@code id} until its election timer fires and its pre-prepare round (delivered at once,
     * while every other message stays in flight) lets it prepare (spec {@code Prepare}).
     */
    void timeOut(NodeId id) {
        for (int k = 0; k < 500; k++) {
            if (live.get(id).view().role() == Role.PRE_CANDIDATE) {
                return;
            }
            tick(id);
            deliverPrePrepares();
        }
        throw new AssertionError(id + " did not prepare (its pre-prepare was refused?)");
    }

    private void deliverPrePrepares() {
        for (int k = 0; k < 1000; k++) {
            var next = network.stream().filter(e -> e.message() instanceof PaxosMessage.PrePrepareRequest
                    || e.message() instanceof PaxosMessage.PrePrepareResponse).findFirst();
            if (next.isEmpty()) {
                return;
            }
            network.remove(next.get());
            deliver(next.get());
        }
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
