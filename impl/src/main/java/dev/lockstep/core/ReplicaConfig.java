package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import java.util.List;

/**
 * What every replica is built with, whatever its protocol: who it is, who the members are, the
 * protocol's own {@link Parameters} (declared by its {@link ParameterSet}), and whether it
 * traces.
 *
 * @param members every replica of the cluster, including {@code self}
 * @param parameters values of the protocol's parameter set
 * @param tracing emit {@link Effect.Trace} effects (off in production unless asked for: building
 *     them costs allocations; it never changes the replica's behaviour)
 */
public record ReplicaConfig(NodeId self, List<NodeId> members, Parameters parameters, boolean tracing) {

    public ReplicaConfig {
        members = List.copyOf(members);
        if (!members.contains(self)) {
            throw new IllegalArgumentException(self + " is not among the members " + members);
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("duplicate member ids in " + members);
        }
    }

    public ReplicaConfig withTracing(boolean on) {
        return new ReplicaConfig(self, members, parameters, on);
    }

    public ReplicaConfig withParameters(Parameters values) {
        return new ReplicaConfig(self, members, values, tracing);
    }

    /** A majority of the members. */
    public int quorum() {
        return members.size() / 2 + 1;
    }
}
