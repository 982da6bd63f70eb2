package dev.lockstep.common;

import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The client requests a replica has placed in its log and must answer once their entry is
 * applied (or acknowledged, or lost): each waits at its log position, oldest first; a retry of a
 * request that is already waiting joins it instead of being placed again, and gets the same
 * answer. Positions must be added in increasing order. Every operation is O(1), except answering,
 * which is O(answered).
 */
public final class PendingRequests {
    /** By position, in the order added (= increasing position). */
    private final LinkedHashMap<Long, Waiting> byPosition = new LinkedHashMap<>();
    /** The same requests by id (lookups only; never iterated). */
    private final HashMap<RequestId, Waiting> byId = new HashMap<>();
    private final Outbox out;
    private long lastAdded;

    /** A request placed at {@code position}; {@code waiters} counts its retries that joined it. */
    private static final class Waiting {
        final long position;
        final RequestId id;
        int waiters = 1;

        Waiting(long position, RequestId id) {
            this.position = position;
            this.id = id;
        }
    }

    /** @param out where answers go */
    public PendingRequests(Outbox out) {
        this.out = out;
    }

    /** A retry of {@code id}: if it is waiting, it now has one more waiter and true is returned. */
    public boolean join(RequestId id) {
        Waiting w = byId.get(id);
        if (w == null) {
            return false;
        }
        w.waiters++;
        return true;
    }

    /** {@code id} was placed at {@code position}, after every position added before. */
    public void add(long position, RequestId id) {
        if (position <= lastAdded && !byPosition.isEmpty()) {
            throw new IllegalStateException("request " + id + " placed at " + position + " after position " + lastAdded);
        }
        lastAdded = position;
        Waiting w = new Waiting(position, id);
        byPosition.put(position, w);
        byId.put(id, w);
    }

    public boolean isEmpty() {
        return byPosition.isEmpty();
    }

    public int size() {
        return byPosition.size();
    }

    /** True when a request waits at {@code position}. */
    public boolean waitsAt(long position) {
        return byPosition.containsKey(position);
    }

    /**
     * The log applied {@code appliedId} at {@code position} with {@code result}: the request
     * waiting there is answered with it; any waiting at an earlier position (whose entry was
     * replaced by another leader's) learns that its outcome is unknown ({@code overwritten}).
     */
    public void applied(long position, RequestId appliedId, Result result, String overwritten) {
        Iterator<Waiting> oldest = byPosition.values().iterator();
        while (oldest.hasNext()) {
            Waiting w = oldest.next();
            if (w.position > position) {
                return;
            }
            oldest.remove();
            byId.remove(w.id);
            boolean mine = w.position == position && w.id.equals(appliedId);
            reply(w, mine ? result : new Result.Unknown(overwritten));
        }
    }

    /** Answers the request waiting at {@code position} (if any) with {@code result}, whatever waits before it. */
    public void answerAt(long position, Result result) {
        Waiting w = byPosition.remove(position);
        if (w != null) {
            byId.remove(w.id);
            reply(w, result);
        }
    }

    /** Every waiting request gets {@code result} (e.g. leadership was lost: outcome unknown). */
    public void failAll(Result result) {
        for (Waiting w : byPosition.values()) {
            reply(w, result);
        }
        byPosition.clear();
        byId.clear();
    }

    private void reply(Waiting w, Result result) {
        for (int k = 0; k < w.waiters; k++) {
            out.reply(w.id, result);
        }
    }
}
