package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The status every log-based protocol reports: its role and the three positions of its log. */
public final class LogStatus {
    public static final String COMMIT_INDEX = "commitIndex";
    public static final String APPLIED_INDEX = "appliedIndex";
    public static final String LOG_LENGTH = "logLength";
    /** How many keys the state machine holds (expired ones not yet deleted included, as Redis's DBSIZE). */
    public static final String KEYS = "keys";
    /** How many keys have an expiry time. */
    public static final String EXPIRES = "expires";

    private LogStatus() {}

    /**
     * @param leadership for a protocol with a leader, else null
     * @param commitIndex highest position known committed (or durable, without consensus)
     * @param appliedIndex highest position applied to the state machine
     * @param logLength highest position held (a snapshot's included)
     * @param store the state machine's store (key counts)
     */
    public static ReplicaStatus of(NodeId id, String role, ReplicaStatus.Leadership leadership, long commitIndex,
            long appliedIndex, long logLength, dev.lockstep.kv.KvStore store) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(COMMIT_INDEX, commitIndex);
        counters.put(APPLIED_INDEX, appliedIndex);
        counters.put(LOG_LENGTH, logLength);
        counters.put(KEYS, (long) store.size());
        counters.put(EXPIRES, (long) store.keyspace().expiring());
        return new ReplicaStatus(id, role, Optional.ofNullable(leadership), counters);
    }
}
