package dev.lockstep.repnothing;

import dev.lockstep.common.LoggedWrites;
import dev.lockstep.core.DurabilityPromise;
import dev.lockstep.core.MessageTraceForm;
import dev.lockstep.core.Parameter;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RepNothing's registry entry: name {@code repnothing}, spec {@code specs/repnothing/RepNothing.tla}.
 * One replica, so linearizable with one copy of every write; its own log is the total order; no
 * leader; a client's request is taken where it arrives.
 */
public final class RepNothingProtocol {
    public static final String NAME = "repnothing";
    public static final String SPEC_DIR = "repnothing";
    public static final String SPEC_MODULE = "RepNothing";
    public static final String SNAPSHOT_EVERY = "snapshotEvery";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.TOTAL,
            Traits.Leadership.LEADERLESS, Traits.Routing.LOCAL, new Traits.ClusterSizes(1, 1, 1));
    public static final ParameterSet PARAMETERS = new ParameterSet(List.of(
            new Parameter(SNAPSHOT_EVERY, "snapshot and compact the log after this many executed entries (0: never)",
                    0, Integer.MAX_VALUE, 10_000)),
            p -> Optional.empty(),
            rng -> Map.of(SNAPSHOT_EVERY, rng.chance(0.3) ? 0 : rng.nextIntInclusive(3, 40)));
    /** Every acknowledged write is on the one disk. */
    public static final DurabilityPromise DURABILITY = new DurabilityPromise((size, p) -> 1,
            LoggedWrites::ofLogRecords);

    private RepNothingProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, PARAMETERS, RepNothingReplica::new,
                RepNothingCodec.INSTANCE, RepNothingInvariants.INSTANCE, MessageTraceForm.MINIMAL,
                Optional.of(DURABILITY));
    }
}
