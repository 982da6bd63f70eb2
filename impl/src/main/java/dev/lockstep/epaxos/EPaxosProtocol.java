package dev.lockstep.epaxos;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.core.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EPaxos's registry entry: name {@code epaxos}, spec {@code specs/epaxos/EPaxos.tla}.
 * Linearizable; a partial execution order (only conflicting commands are ordered); no leader:
 * every replica takes and coordinates its clients' commands; up to 63 replicas (3 by default).
 */
public final class EPaxosProtocol {
    public static final String NAME = "epaxos";
    public static final String SPEC_DIR = "epaxos";
    public static final String SPEC_MODULE = "EPaxos";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.PARTIAL,
            Traits.Leadership.LEADERLESS, Traits.Routing.LOCAL, new Traits.ClusterSizes(1, 63, 3));

    private EPaxosProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, EPaxosTuning.PARAMETERS, EPaxosReplica::new,
                EPaxosCodec.INSTANCE, EPaxosInvariants.INSTANCE, EPaxosProtocol::traceForm, Optional.empty());
    }

    /**
     * A message as its trace record when no replica logged it. Dependency vectors name their rows
     * by member; outside a replica the members are not known, so this form assumes the
     * simulator's cluster {@code n1..nN} (N the vector's length). Replicas log messages with
     * their own membership ({@link EPaxosTracer}).
     */
    private static Map<String, Object> traceForm(NodeId from, NodeId to, Message m) {
        EPaxosMessage e = (EPaxosMessage) m;
        List<NodeId> members = new ArrayList<>();
        for (int k = 1; k <= clusterSize(e); k++) {
            members.add(NodeId.of(k));
        }
        return EPaxosTracer.fields(Membership.of(members.get(0), members), from, to, e);
    }

    private static int clusterSize(EPaxosMessage m) {
        return switch (m) {
            case EPaxosMessage.PreAccept p -> p.deps().size();
            case EPaxosMessage.PreAcceptReply r -> r.deps().size();
            case EPaxosMessage.Accept a -> a.deps().size();
            case EPaxosMessage.Commit c -> c.deps().size();
            case EPaxosMessage.RecoverReply r -> r.deps().size();
            case EPaxosMessage.Validate v -> v.deps().size();
            default -> Math.max(from(m), 1);
        };
    }

    private static int from(EPaxosMessage m) {
        return m.inst().owner().value();
    }
}
