package dev.lockstep.sim.toy;

import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.MessageTraceForm;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Traits;
import java.util.Optional;

/** Descriptors of the toy protocol, correct or with one {@link ToyBug}. */
public final class ToyProtocol {
    private ToyProtocol() {}

    /** One fixed leader (n1), a total order, linearizable. */
    static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.TOTAL,
            Traits.Leadership.LEADER, Traits.Routing.TO_LEADER, new Traits.ClusterSizes(1, 63, 3));

    /** At most one live replica reports itself LEADER. */
    static final ClusterInvariant SINGLE_LEADER = replicas -> {
        long leaders = replicas.stream().map(Replica::status).filter(ReplicaStatus::leading).count();
        return leaders <= 1 ? Optional.empty()
                : Optional.of(new ClusterInvariant.Violation("SingleLeader", leaders + " leaders"));
    };

    /** Every variant, for {@code -Dlockstep.protocols.extra=dev.lockstep.sim.toy.ToyProtocol#all}. */
    public static java.util.List<Protocol> all() {
        return java.util.Arrays.stream(ToyBug.values()).map(ToyProtocol::descriptor).toList();
    }

    public static Protocol descriptor(ToyBug bug) {
        String name = bug == ToyBug.NONE ? "toy" : "toy-" + bug.name().toLowerCase(java.util.Locale.ROOT);
        return new Protocol(name, "toy", "Toy", TRAITS, ParameterSet.NONE, (config, seed) -> new ToyReplica(config, bug),
                null, SINGLE_LEADER, MessageTraceForm.MINIMAL, Optional.empty());
    }
}
