package dev.lockstep.epaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.Message;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ScriptedCluster;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
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

    /**
     * n1 proposes 1.1 on {@code x}; only n2 hears of it, and pre-accepts it with the initial
     * attributes (the recovery schedules' instance that may or may not have been fast).
     */
    void proposeAtN1SeenOnlyByN2() {
        dropRule = e -> e.from().equals(n(1)) && !e.to().equals(n(2)) || e.to().equals(n(1));
        submit(n(1), new RequestId(1, 1), new Command.Put(Bytes.utf8("x"), Bytes.utf8("a")));
        deliverAll();
        Instance atN2 = instance(2, inst(1, 1));
        assertEquals(Phase.PREACCEPTED, atN2.phase);
        assertEquals(atN2.initDeps, atN2.deps, "n2 pre-accepted 1.1 with its initial attributes");
    }

    Instance instance(int k, InstanceId id) {
        return node(k).context().state.space.find(id);
    }

    static InstanceId inst(int owner, long num) {
        return new InstanceId(NodeId.of(owner), num);
    }
}
