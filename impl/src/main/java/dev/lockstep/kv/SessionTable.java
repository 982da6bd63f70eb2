package dev.lockstep.kv;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client sessions for exactly-once execution (Raft thesis §6.3). For each client it remembers
 * the results of its most recent {@link #WINDOW} applied requests, so a retried request (same
 * {@link RequestId}) gets the original result instead of running twice, even when a client has
 * many requests in flight (pipelining). A request older than the remembered window cannot be
 * deduplicated and is refused. How the table stays bounded is below.
 *
 * <p>How sessions beyond {@code maxClients} go depends on the protocol's execution order
 * ({@link Eviction}). Under a total order the table evicts the least recently applied client by
 * itself: every order here is insertion order of applies (LinkedHashMap), so two replicas that
 * apply the same log hold the same table, iterate it the same way and encode it to the same
 * bytes. Under a partial order (docs/runtime-contract.md, "Client sessions under a partial
 * order") replicas apply commuting commands of different clients in different orders, so the
 * table must not depend on that order: it evicts only when an {@link Command.ExpireSessions}
 * command says so, chooses by content, and encodes its clients sorted by id. Each client's own
 * results stay in apply order: a session's commands conflict with each other, so every replica
 * applies them in the same order. Each operation is O(1) but expiry and encoding.
 */
public final class SessionTable {
    public static final int WINDOW = 1024;
    public static final String TOO_OLD = "request too old to deduplicate (session window passed)";
    public static final String ENDED = "session ended: the client closed it, open a new one";

    /** When sessions are dropped to bound the table. */
    public enum Eviction {
        /**
         * Beyond {@code maxClients}, the least recently applied client goes at once (a total
         * order: every replica applies the same commands in the same order).
         */
        LEAST_RECENTLY_APPLIED,
        /**
         * Only {@link Command.ExpireSessions} evicts, ended sessions first, then live ones, each
         * by ascending client id; clients are encoded sorted by id (a partial or no order).
         */
        ORDER_FREE
    }

    private final int maxClients;
    private final Eviction eviction;
    /** Clients; least recently applied first under {@link Eviction#LEAST_RECENTLY_APPLIED}. */
    final LinkedHashMap<Long, Session> sessions = new LinkedHashMap<>();

    public SessionTable(int maxClients) {
        this(maxClients, Eviction.LEAST_RECENTLY_APPLIED);
    }

    public SessionTable(int maxClients, Eviction eviction) {
        this.maxClients = maxClients;
        this.eviction = eviction;
    }

    public Eviction eviction() {
        return eviction;
    }

    /**
     * One client's remembered results, oldest first. {@code floor}: every seq {@code <= floor}
     * not held is forgotten; {@link #ENDED_FLOOR} once the session ended.
     */
    static final class Session {
        final LinkedHashMap<Long, Result> results = new LinkedHashMap<>();
        long floor;
    }

    /** The floor of an ended session: every request of it is refused. */
    static final long ENDED_FLOOR = Long.MAX_VALUE;

    /** The remembered outcome of {@code id}, or null if it has not been applied. */
    public Result lookup(RequestId id) {
        Session s = sessions.get(id.client());
        if (s == null) {
            return null;
        }
        if (s.floor == ENDED_FLOOR) {
            return new Result.Error(ENDED);
        }
        Result r = s.results.get(id.seq());
        if (r == null && id.seq() <= s.floor) {
            return new Result.Error(TOO_OLD);
        }
        return r;
    }

    /**
     * Ends {@code client}'s session: its results are dropped and every later request of it is
     * refused with {@link #ENDED}. What stays is a tombstone (an id and a floor), so a stray
     * late retry cannot run twice; tombstones age out like any session.
     */
    public void end(long client) {
        Session s = sessions.remove(client);
        if (s == null) {
            s = new Session();
        }
        s.results.clear();
        s.floor = ENDED_FLOOR;
        sessions.put(client, s);
        evictBeyondMaxClients();
    }

    /**
     * Forgets {@code client}'s results for every seq below {@code lowestUnanswered}: the client
     * has had those answers and will not retry them; a stray copy is then refused as
     * {@link #TOO_OLD}. Does not create a session or change the eviction order.
     */
    public void forgetBelow(long client, long lowestUnanswered) {
        Session s = sessions.get(client);
        if (s == null || s.floor == ENDED_FLOOR || lowestUnanswered - 1 <= s.floor) {
            return;
        }
        s.floor = lowestUnanswered - 1;
        // Oldest applied first: stop at the first result still wanted. A lower seq applied after
        // it (pipelined requests can apply out of seq order) stays until a later trim or the
        // window; a kept result is still the right answer to a copy of its request.
        Iterator<Long> oldest = s.results.keySet().iterator();
        while (oldest.hasNext() && oldest.next() < lowestUnanswered) {
            oldest.remove();
        }
    }

    /** Sessions that still keep results (not ended). */
    public int liveSessions() {
        int live = 0;
        for (Session s : sessions.values()) {
            live += s.floor == ENDED_FLOOR ? 0 : 1;
        }
        return live;
    }

    /** The seqs whose results {@code client}'s session keeps, oldest applied first. */
    public List<Long> keptSeqs(long client) {
        Session s = sessions.get(client);
        return s == null ? List.of() : List.copyOf(s.results.keySet());
    }

    /** Results kept for retries, over all sessions. */
    public int keptResults() {
        int kept = 0;
        for (Session s : sessions.values()) {
            kept += s.results.size();
        }
        return kept;
    }

    /** Records the result of {@code id}; the client becomes the most recently applied. */
    public void record(RequestId id, Result result) {
        Session s = sessions.remove(id.client());
        if (s == null) {
            s = new Session();
        }
        sessions.put(id.client(), s);
        s.results.put(id.seq(), result);
        if (s.results.size() > WINDOW) {
            Iterator<Map.Entry<Long, Result>> oldest = s.results.entrySet().iterator();
            s.floor = Math.max(s.floor, oldest.next().getKey());
            oldest.remove();
        }
        evictBeyondMaxClients();
    }

    /**
     * {@link Command.ExpireSessions}: evicts sessions until at most {@code keep} remain, ended
     * ones first, then live ones; within each, in the table's eviction order (least recently
     * applied first, or ascending client id when order-free).
     */
    public void expire(int keep) {
        if (sessions.size() <= keep) {
            return;
        }
        java.util.List<Long> ended = new java.util.ArrayList<>();
        java.util.List<Long> live = new java.util.ArrayList<>();
        for (Map.Entry<Long, Session> e : sessions.entrySet()) {
            (e.getValue().floor == ENDED_FLOOR ? ended : live).add(e.getKey());
        }
        if (eviction == Eviction.ORDER_FREE) {
            ended.sort(null);
            live.sort(null);
        }
        ended.addAll(live);
        for (int k = 0; sessions.size() > keep; k++) {
            sessions.remove(ended.get(k));
        }
    }

    /** The clients in the order a snapshot encodes them. */
    java.util.List<Long> encodingOrder() {
        java.util.List<Long> clients = new java.util.ArrayList<>(sessions.keySet());
        if (eviction == Eviction.ORDER_FREE) {
            clients.sort(null);
        }
        return clients;
    }

    private void evictBeyondMaxClients() {
        if (eviction == Eviction.LEAST_RECENTLY_APPLIED && sessions.size() > maxClients) {
            Iterator<Long> lru = sessions.keySet().iterator();
            lru.next();
            lru.remove();
        }
    }

    public int size() {
        return sessions.size();
    }
}
