package dev.lockstep.multipaxos;

import dev.lockstep.core.Protocol;

/** MultiPaxos's registry entry: name {@code multipaxos}, spec {@code specs/multipaxos/MultiPaxos.tla}. */
public final class MultiPaxosProtocol {
    public static final String NAME = "multipaxos";
    public static final String SPEC_DIR = "multipaxos";
    public static final String SPEC_MODULE = "MultiPaxos";

    private MultiPaxosProtocol() {}

    public static Protocol descriptor() {
        return new Protocol(NAME, SPEC_DIR, SPEC_MODULE, MultiPaxosReplica::new, PaxosCodec.INSTANCE,
                PaxosInvariants.INSTANCE, (from, to, m) -> PaxosTracer.messageFields(from, to, (PaxosMessage) m));
    }
}
