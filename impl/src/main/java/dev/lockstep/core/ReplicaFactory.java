package dev.lockstep.core;

/** Creates a replica in the protocol's initial state. */
@FunctionalInterface
public interface ReplicaFactory {
    /**
     * @param seed the replica's PRNG seed; the only source of randomness it may use
     */
    Replica create(ReplicaConfig config, long seed);
}
