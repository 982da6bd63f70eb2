package dev.lockstep.raft;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.Optional;

/**
 * Raft's registry entry: name {@code raft}, spec {@code specs/raft/Raft.tla}. Linearizable, one
 * total order, one leader that takes every request (followers redirect to it), any cluster size
 * up to 63 (3 by default).
 */
public final class RaftProtocol {
    public static final String NAME = "raft";
    public static final String SPEC_DIR = "raft";
    public static final String SPEC_MODULE = "Raft";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.TOTAL,
            Traits.Leadership.STABLE_LEADER, Traits.Routing.TO_LEADER, new Traits.ClusterSizes(1, 63, 3));

    private RaftProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, LeaderTuning.PARAMETERS, RaftReplica::new,
                RaftCodec.INSTANCE, RaftInvariants.INSTANCE,
                (from, to, m) -> RaftTracer.fields(from, to, (RaftMessage) m), Optional.empty());
    }
}
