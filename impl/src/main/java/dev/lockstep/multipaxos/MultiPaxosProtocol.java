package dev.lockstep.multipaxos;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.Optional;

/**
 * MultiPaxos's registry entry: name {@code multipaxos}, spec {@code specs/multipaxos/MultiPaxos.tla}.
 * Linearizable, one total order (slots), one distinguished proposer that takes every request
 * (others redirect to it), up to 63 replicas (3 by default).
 */
public final class MultiPaxosProtocol {
    public static final String NAME = "multipaxos";
    public static final String SPEC_DIR = "multipaxos";
    public static final String SPEC_MODULE = "MultiPaxos";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.TOTAL,
            Traits.Leadership.STABLE_LEADER, Traits.Routing.TO_LEADER, new Traits.ClusterSizes(1, 63, 3));

    private MultiPaxosProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, LeaderTuning.PARAMETERS, MultiPaxosReplica::new,
                PaxosCodec.INSTANCE, PaxosInvariants.INSTANCE,
                (from, to, m) -> PaxosTracer.fields(from, to, (PaxosMessage) m), Optional.empty());
    }
}
