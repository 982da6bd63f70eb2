package dev.lockstep.sim.toy;

import dev.lockstep.common.Role;
import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Replica;
import java.util.Optional;

/** Descriptors of the toy protocol, correct or with one {@link ToyBug}. */
public final class ToyProtocol {
    private ToyProtocol() {}

    /** At most one live replica reports itself LEADER. */
    static final ClusterInvariant SINGLE_LEADER = replicas -> {
        long leaders = replicas.stream().map(Replica::status).filter(s -> s.role() == Role.LEADER).count();
        return leaders <= 1 ? Optional.empty()
                : Optional.of(new ClusterInvariant.Violation("SingleLeader", leaders + " leaders"));
    };

    /** Every variant, for {@code -Dlockstep.protocols.extra=dev.lockstep.sim.toy.ToyProtocol#all}. */
    public static java.util.List<Protocol> all() {
        return java.util.Arrays.stream(ToyBug.values()).map(ToyProtocol::descriptor).toList();
    }

    public static Protocol descriptor(ToyBug bug) {
        String name = bug == ToyBug.NONE ? "toy" : "toy-" + bug.name().toLowerCase(java.util.Locale.ROOT);
        return new Protocol(name, "toy", "Toy", (config, seed) -> new ToyReplica(config, bug), null, SINGLE_LEADER);
    }
}
