package dev.lockstep.sim;

import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.lin.HistoryRecorder;
import java.util.List;

/**
 * The healed phase's liveness checks (TigerBeetle's VOPR: safety under faults, then liveness once
 * they heal). Within {@code boundMs} of healing every request outstanding at the heal must
 * complete and, for a protocol with a leader, a leader must exist (a leading replica whose term
 * is the highest among the nodes); after that, while requests are outstanding, one must complete
 * at least every {@code boundMs}. A leaderless protocol is held to the answers alone.
 */
final class LivenessChecker {
    private final long boundMs;
    private final boolean needsLeader;
    private long healedAt = -1;
    private List<Integer> mustComplete = List.of();
    private boolean leaderSeen;
    private boolean settled;
    private long settledAt;

    LivenessChecker(long boundMs, boolean needsLeader) {
        this.boundMs = boundMs;
        this.needsLeader = needsLeader;
    }

    void healed(long now, List<Integer> outstanding) {
        healedAt = now;
        mustComplete = List.copyOf(outstanding);
    }

    boolean isHealed() {
        return healedAt >= 0;
    }

    /** True once a leader was seen and the requests outstanding at the heal completed. */
    boolean settled() {
        return settled;
    }

    /** The liveness violation at {@code now}, or null. */
    String check(long now, List<SimHost> hosts, HistoryRecorder history, ClientDriver clients) {
        if (healedAt < 0) {
            return null;
        }
        if (!settled) {
            leaderSeen = leaderSeen || !needsLeader || leaderExists(hosts);
            boolean done = mustComplete.stream().allMatch(history::isCompleted);
            if (leaderSeen && done) {
                settled = true;
                settledAt = now;
                return null;
            }
            if (now - healedAt > boundMs) {
                return (leaderSeen ? "" : "no leader within " + boundMs + "ms after all faults healed; ")
                        + (done ? "" : "requests outstanding since the heal did not complete within " + boundMs
                                + "ms: ops " + mustComplete.stream().filter(op -> !history.isCompleted(op)).toList())
                        + "; nodes: " + statuses(hosts);
            }
            return null;
        }
        List<Integer> waiting = clients.outstanding();
        long since = Math.max(settledAt, clients.lastCompletionAt());
        if (!waiting.isEmpty() && now - since > boundMs) {
            return "no client request completed for " + (now - since) + "ms after healing; outstanding ops "
                    + waiting + "; nodes: " + statuses(hosts);
        }
        return null;
    }

    static boolean leaderExists(List<SimHost> hosts) {
        return leaderAtMaxTerm(hosts) >= 0;
    }

    /** The index of an up host leading the highest term among the up hosts, or -1. */
    static int leaderAtMaxTerm(List<SimHost> hosts) {
        long maxTerm = -1;
        int leader = -1;
        for (SimHost h : hosts) {
            if (!h.isUp()) {
                continue;
            }
            ReplicaStatus s = h.replica().status();
            long term = termOf(s);
            if (term > maxTerm) {
                maxTerm = term;
                leader = s.leading() ? h.index : -1;
            } else if (term == maxTerm && s.leading()) {
                leader = h.index;
            }
        }
        return leader;
    }

    /** The term (or ballot) a replica reports, 0 for a protocol without a leader. */
    static long termOf(ReplicaStatus s) {
        return s.leadership().map(ReplicaStatus.Leadership::term).orElse(0L);
    }

    static String statuses(List<SimHost> hosts) {
        StringBuilder sb = new StringBuilder();
        for (SimHost h : hosts) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (!h.isUp()) {
                sb.append(h.id).append(" down");
                continue;
            }
            sb.append(h.id).append(' ').append(h.replica().status().describe());
        }
        return sb.toString();
    }
}
