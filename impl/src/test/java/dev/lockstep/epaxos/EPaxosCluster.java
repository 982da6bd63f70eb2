package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Message;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The scripted test cluster ({@link ScriptedCluster}) of EPaxos replicas. */
/** Messages are typed {@link Message}: beside the {@link EPaxosMessage}s, replicas send {@link ExecutedFloor}. */
final class EPaxosCluster extends ScriptedCluster<EPaxosReplica, Message> {

    EPaxosCluster(int size) {
        this(size, EPaxosConcerns.DEFAULT, Map.of());
    }

    EPaxosCluster(int size, EPaxosConcerns concerns, Map<String, Integer> tuning) {
        super(size, withTuning(tuning), (config, seed) -> new EPaxosReplica(config, seed, concerns),
                EPaxosInvariants.INSTANCE, EPaxosCodec.INSTANCE, Message.class);
    }

    /** Scripted defaults: recovery after 10 ticks, no fast-path wait, one command per instance, no checkpoints, no forgetting. */
    static UnaryOperator<ReplicaConfig> withTuning(Map<String, Integer> overrides) {
        Map<String, Integer> v = new LinkedHashMap<>();
        v.put(EPaxosTuning.RECOVERY_TICKS, 10);
        v.put(EPaxosTuning.FAST_WAIT_TICKS, 0);
        v.put(EPaxosTuning.MAX_BATCH, 1);
        v.put(EPaxosTuning.MAX_INFLIGHT, 8);
        v.put(EPaxosTuning.SNAPSHOT_EVERY, 0);
        v.put(EPaxosTuning.FORGET_TICKS, 0);
        v.putAll(overrides);
        return cfg -> cfg.withParameters(EPaxosTuning.PARAMETERS.of(v));
    }

    @Override
    public Optional<NodeId> leader() {
        return Optional.empty();
    }

    Instance instance(int k, InstanceId id) {
        return node(k).context().state.space.find(id);
    }

    static InstanceId inst(int owner, long num) {
        return new InstanceId(NodeId.of(owner), num);
    }
}
