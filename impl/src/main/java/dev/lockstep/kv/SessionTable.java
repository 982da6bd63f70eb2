package dev.lockstep.kv;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client sessions for exactly-once execution (Raft thesis §6.3). For each client it remembers
 * the results of its most recent {@link #WINDOW} applied requests, so a retried request (same
 * {@link RequestId}) gets the original result instead of running twice, even when a client has
 * many requests in flight (pipelining). A request older than the remembered window cannot be
 * deduplicated and is refused. Sessions beyond {@code maxClients} are evicted least recently
 * used first, ordered by the log index that last touched them, so eviction is deterministic.
 */
public final class SessionTable {
    public static final int WINDOW = 1024;
    public static final String TOO_OLD = "request too old to deduplicate (session window passed)";

    private final int maxClients;
    final Map<Long, Session> sessions = new HashMap<>();
    /** Clients ordered by the index that last touched them, for LRU eviction. */
    final TreeMap<Long, Long> clientByLastIndex = new TreeMap<>();

    public SessionTable(int maxClients) {
        this.maxClients = maxClients;
    }

    /** One client's remembered results. {@code floor}: every seq {@code <= floor} is forgotten. */
    static final class Session {
        final TreeMap<Long, Result> results = new TreeMap<>();
        long floor;
        long lastIndex;
    }

    /** The remembered outcome of {@code id}, or null if it has not been applied. */
    public Result lookup(RequestId id) {
        Session s = sessions.get(id.client());
        if (s == null) {
            return null;
        }
        Result r = s.results.get(id.seq());
        if (r == null && id.seq() <= s.floor) {
            return new Result.Error(TOO_OLD);
        }
        return r;
    }

    /** Records the result of {@code id}, applied at log {@code index}. */
    public void record(RequestId id, Result result, long index) {
        Session s = sessions.computeIfAbsent(id.client(), c -> new Session());
        if (s.lastIndex != 0) {
            clientByLastIndex.remove(s.lastIndex);
        }
        s.lastIndex = index;
        clientByLastIndex.put(index, id.client());
        s.results.put(id.seq(), result);
        while (s.results.size() > WINDOW) {
            s.floor = Math.max(s.floor, s.results.pollFirstEntry().getKey());
        }
        while (sessions.size() > maxClients) {
            Long oldestClient = clientByLastIndex.pollFirstEntry().getValue();
            sessions.remove(oldestClient);
        }
    }

    public int size() {
        return sessions.size();
    }
}
