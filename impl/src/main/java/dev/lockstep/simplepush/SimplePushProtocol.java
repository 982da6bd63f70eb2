package dev.lockstep.simplepush;

import dev.lockstep.common.LoggedWrites;
import dev.lockstep.core.DurabilityPromise;
import dev.lockstep.core.Parameter;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SimplePush's registry entry: name {@code simplepush}, spec {@code specs/simplepush/SimplePush.tla}.
 * Durable-only: an acknowledged write is on {@code pushTo + 1} disks, nothing is promised about
 * what reads return across replicas; no execution order across replicas; no leader; any replica
 * takes a client's request.
 */
public final class SimplePushProtocol {
    public static final String NAME = "simplepush";
    public static final String SPEC_DIR = "simplepush";
    public static final String SPEC_MODULE = "SimplePush";
    public static final String PUSH_TO = "pushTo";
    public static final String RETRANSMIT_TICKS = "retransmitTicks";
    public static final String SNAPSHOT_EVERY = "snapshotEvery";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.DURABLE_ONLY, Traits.ExecutionOrder.NONE,
            Traits.Leadership.LEADERLESS, Traits.Routing.LOCAL, new Traits.ClusterSizes(1, 63, 3));
    public static final ParameterSet PARAMETERS = new ParameterSet(List.of(
            new Parameter(PUSH_TO, "peers every write is pushed to before its answer (K; at most replicas - 1)",
                    0, 62, 2, size -> Math.max(0, Math.min(2, size - 1)), "min(2, replicas - 1)"),
            new Parameter(RETRANSMIT_TICKS, "push an unacknowledged write again after this many ticks", 1, 1_000_000, 20),
            new Parameter(SNAPSHOT_EVERY, "snapshot and compact the log after this many executed entries (0: never)",
                    0, Integer.MAX_VALUE, 10_000)),
            p -> Optional.empty(),
            rng -> Map.of(PUSH_TO, rng.nextIntInclusive(1, 2), RETRANSMIT_TICKS, rng.nextIntInclusive(2, 12),
                    SNAPSHOT_EVERY, rng.chance(0.3) ? 0 : rng.nextIntInclusive(3, 40)),
            (p, size) -> p.get(PUSH_TO) <= size - 1 ? Optional.empty() : Optional.of("parameter 'pushTo' is "
                    + p.get(PUSH_TO) + ": a write can be pushed to at most the " + (size - 1) + " other replicas"));
    /** An acknowledged write is on the taker's disk and each of its {@code pushTo} peers'. */
    public static final DurabilityPromise DURABILITY = new DurabilityPromise((size, p) -> p.get(PUSH_TO) + 1,
            LoggedWrites::ofLogRecords);

    private SimplePushProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, PARAMETERS, SimplePushReplica::new,
                SimplePushCodec.INSTANCE, SimplePushInvariants.INSTANCE,
                (from, to, m) -> SimplePushTracer.fields(from, to, (PushMessage) m), Optional.of(DURABILITY));
    }
}
