package dev.lockstep.multipaxos;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.Optional;

/**
 * RSPaxos's registry entry: name {@code rspaxos}, spec {@code specs/rspaxos/RSPaxos.tla}. The
 * MultiPaxos core with {@link PaxosConcerns#RSPAXOS}: each acceptor stores one Reed-Solomon shard
 * of every value ({@link ShardCoding}), phase 2 commits with the write quorum and phase 1 ends
 * with the read quorum of {@link Quorums#rsPaxos}, a new leader re-proposes a value only if it can
 * rebuild it from its promises, and replicas rebuild chosen values from their peers' shards
 * before executing them ({@link Reconstruction}). Linearizable, one total order, one leader; up to
 * 63 replicas, 5 by default: with 3 replicas and d = 2 no choice of quorums survives a failure in
 * both phases (q_w + q_r >= n + d = 5), with 5 and d = 3 the quorums 4 and 4 survive one (Mu et
 * al. §3; CRaft's fallback exists for this). Docs: docs/protocols/rspaxos.md.
 */
public final class RSPaxosProtocol {
    public static final String NAME = "rspaxos";
    public static final String SPEC_DIR = "rspaxos";
    public static final String SPEC_MODULE = "RSPaxos";
    public static final Traits TRAITS = new Traits(Traits.Guarantee.LINEARIZABLE, Traits.ExecutionOrder.TOTAL,
            Traits.Leadership.STABLE_LEADER, Traits.Routing.TO_LEADER, new Traits.ClusterSizes(1, 63, 5));

    private RSPaxosProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, TRAITS, LeaderTuning.PARAMETERS,
                (config, seed) -> new MultiPaxosReplica(config, seed, PaxosConcerns.RSPAXOS), PaxosCodec.INSTANCE,
                PaxosInvariants.INSTANCE, (from, to, m) -> PaxosTracer.fields(from, to, (PaxosMessage) m),
                Optional.empty());
    }
}
