package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a replica reports about itself, whatever its protocol, for operators ({@code INFO},
 * {@code /status}, metrics) and the simulator's reports and checkers.
 *
 * @param role the protocol's own name for what the replica is doing ("Leader", "Follower",
 *     "Replica", ...)
 * @param leadership present exactly for protocols with a leader ({@link Traits.Leadership#LEADER})
 * @param counters the protocol's named numbers, in a stable order (e.g. {@code commitIndex},
 *     {@code appliedIndex}, {@code logLength}); names are lowerCamelCase
 */
public record ReplicaStatus(NodeId id, String role, Optional<Leadership> leadership, Map<String, Long> counters) {

    public ReplicaStatus {
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }

    /**
     * @param term the term or ballot the replica is in
     * @param leading this replica leads {@code term}
     * @param leader the replica this one believes leads {@code term} (itself when leading), if any
     */
    public record Leadership(long term, boolean leading, Optional<NodeId> leader) {}

    public boolean leading() {
        return leadership.map(Leadership::leading).orElse(false);
    }

    /** The named counter, or 0 when the protocol does not report it. */
    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** {@code role term=.. commitIndex=.. ...} in one line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(role);
        leadership.ifPresent(l -> sb.append(" term ").append(l.term()));
        counters.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
        return sb.toString();
    }
}
