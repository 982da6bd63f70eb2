package dev.lockstep.core;

/**
 * One registry entry: everything the generic tooling (simulator, trace validator, model checker,
 * server) needs to run a protocol, so none of them names a protocol.
 *
 * @param name the name users type ({@code --protocol raft})
 * @param specDir folder under {@code specs/} holding the protocol's TLA+ files
 * @param specModule the spec's module name ({@code Raft}); {@code MC<specModule>} and
 *     {@code Trace<specModule>} are its model-checking and trace-validation modules
 * @param invariants the protocol's invariants over a cluster, mirroring the spec's
 * @param messageTraceForm how a message is written in a trace line
 */
public record Protocol(
        String name,
        String specDir,
        String specModule,
        ReplicaFactory factory,
        ProtocolCodec codec,
        ClusterInvariant invariants,
        MessageTraceForm messageTraceForm) {

    /** A descriptor whose messages are traced in {@link MessageTraceForm#MINIMAL} form. */
    public Protocol(String name, String specDir, String specModule, ReplicaFactory factory, ProtocolCodec codec,
            ClusterInvariant invariants) {
        this(name, specDir, specModule, factory, codec, invariants, MessageTraceForm.MINIMAL);
    }
}
