package dev.lockstep.raft;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Protocol;
import java.util.Optional;

/**
 * CRaft's registry entry: name {@code craft}, spec {@code specs/craft/CRaft.tla}. The Raft core
 * with {@link RaftConcerns#CRAFT} ({@link CRaft}): followers store one Reed-Solomon shard of each
 * entry, full copies while too few replicas look alive. Linearizable, one total order, one leader;
 * up to 63 replicas, 3 by default (with one down the leader falls back to full copies and goes on).
 */
public final class CRaftProtocol {
    public static final String NAME = "craft";
    public static final String SPEC_DIR = "craft";
    public static final String SPEC_MODULE = "CRaft";

    private CRaftProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, RaftProtocol.TRAITS, LeaderTuning.PARAMETERS,
                (config, seed) -> new RaftReplica(config, seed, RaftConcerns.CRAFT), RaftCodec.INSTANCE,
                RaftInvariants.INSTANCE, (from, to, m) -> RaftTracer.fields(from, to, (RaftMessage) m),
                Optional.empty());
    }
}
