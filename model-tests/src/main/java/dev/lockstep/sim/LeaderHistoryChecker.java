package dev.lockstep.sim;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * Election Safety in its history form (Raft §5.2; any protocol with terms or ballots): over the
 * whole run, at most one node is ever LEADER in a given term. A protocol's own invariant sees
 * only the replicas alive now; this catches two leaders of one term even when the first crashed
 * before the second was elected.
 */
final class LeaderHistoryChecker {
    private final Map<Long, NodeId> leaderOfTerm = new HashMap<>();

    /** Records what a replica reports after a step; returns the violation it shows, or null. */
    String observe(ReplicaStatus status) {
        if (!status.leading()) {
            return null;
        }
        long term = status.leadership().orElseThrow().term();
        NodeId earlier = leaderOfTerm.putIfAbsent(term, status.id());
        if (earlier == null || earlier.equals(status.id())) {
            return null;
        }
        return "ElectionSafety (history): " + earlier + " and " + status.id() + " both led term " + term;
    }
}
