package dev.lockstep.core;

import java.util.Optional;

/**
 * One registry entry: everything the generic tooling (simulator, trace validator, model checker,
 * server, launcher) needs to run a protocol, so that none of them names a protocol.
 *
 * @param name the name users type ({@code --protocol raft})
 * @param specDir folder under {@code specs/} holding the protocol's TLA+ files
 * @param specModule the spec's module name ({@code Raft}); {@code MC<specModule>} and
 *     {@code Trace<specModule>} are its model-checking and trace-validation modules
 * @param traits what the protocol promises and how it is shaped
 * @param parameters the protocol's tunable numbers (server config, simulation draws)
 * @param invariants the protocol's invariants over a cluster, mirroring the spec's
 * @param messageTraceForm how a message is written in a trace line
 * @param durability the promise the durability checker holds the protocol to; required when
 *     the guarantee is {@link Traits.Guarantee#DURABLE_ONLY}
 */
public record Protocol(
        String name,
        String specDir,
        String specModule,
        Traits traits,
        ParameterSet parameters,
        ReplicaFactory factory,
        ProtocolCodec codec,
        ClusterInvariant invariants,
        MessageTraceForm messageTraceForm,
        Optional<DurabilityPromise> durability) {

    public Protocol {
        if (traits.guarantee() == Traits.Guarantee.DURABLE_ONLY && durability.isEmpty()) {
            throw new IllegalArgumentException(name + ": a durable-only protocol must say what it promises (durability)");
        }
    }

    /** The same entry under another name (test-only broken variants use it). */
    public Protocol named(String otherName) {
        return new Protocol(otherName, specDir, specModule, traits, parameters, factory, codec, invariants,
                messageTraceForm, durability);
    }

    /** The same entry with another factory (test-only broken variants use it). */
    public Protocol withFactory(ReplicaFactory other) {
        return new Protocol(name, specDir, specModule, traits, parameters, other, codec, invariants,
                messageTraceForm, durability);
    }
}
