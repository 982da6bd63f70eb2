package dev.lockstep.raft;

import dev.lockstep.core.Protocol;

/** Raft's registry entry: name {@code raft}, spec {@code specs/raft/Raft.tla}. */
public final class RaftProtocol {
    public static final String NAME = "raft";
    public static final String SPEC_DIR = "raft";
    public static final String SPEC_MODULE = "Raft";

    private RaftProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, RaftReplica::new, RaftCodec.INSTANCE, RaftInvariants.INSTANCE,
                (from, to, m) -> RaftTracer.messageFields(from, to, (RaftMessage) m));
    }
}
