package dev.lockstep.core;

import java.util.List;
import java.util.Optional;

/**
 * A protocol's safety invariants over the live replicas of one cluster, checked by the simulator
 * after every step (e.g. Raft's ElectionSafety, LogMatching). Implementations are pure and may
 * downcast the replicas to the protocol's own type.
 */
@FunctionalInterface
public interface ClusterInvariant {

    /**
     * @param replicas the replicas currently running (crashed ones are absent)
     * @return the first violated invariant, named as in the spec, with a description
     */
    Optional<Violation> check(List<Replica> replicas);

    record Violation(String invariant, String detail) {}

    ClusterInvariant NONE = replicas -> Optional.empty();
}
