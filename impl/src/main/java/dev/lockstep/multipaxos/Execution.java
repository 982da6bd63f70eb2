package dev.lockstep.multipaxos;

import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Optional;

/**
 * Client commands and the state machine: spec action {@code ClientRequest} (the leader proposes
 * a command in the next free slot), applying chosen slots in slot order to the
 * {@link dev.lockstep.kv.KvStateMachine} (whose client sessions run a retried request once), and
 * answering the clients that wait for a slot: with the result once it is applied, with
 * {@code NotLeader(hint)} at a replica that does not lead, with {@code Unknown} when leadership
 * is lost before their slot is chosen.
 */
class Execution {
    static final String LEADERSHIP_LOST = "leadership lost before the request was chosen; retry with the same id";
    static final String OVERWRITTEN = "another value was chosen in the request's slot; retry with the same id";

    protected final PaxosContext ctx;
    protected final PaxosState st;
    /** The leader's clients waiting for their slot to apply, in slot order. */
    private final ArrayDeque<PendingRequest> pending = new ArrayDeque<>();
    /** The same requests by id (lookups only; never iterated). */
    private final HashMap<RequestId, PendingRequest> pendingById = new HashMap<>();

    /** A client request proposed at {@code slot}; {@code waiters} counts retries that joined it. */
    private static final class PendingRequest {
        final long slot;
        final RequestId id;
        int waiters = 1;

        PendingRequest(long slot, RequestId id) {
            this.slot = slot;
            this.id = id;
        }
    }

    Execution(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** A command from a client: a replica that does not lead refers it to the leader it knows. */
    void submit(ClientRequest request) {
        if (!st.isLeader()) {
            ctx.out.reply(request.id(), new Result.NotLeader(Optional.ofNullable(st.leaderHint)));
            return;
        }
        propose(request);
    }

    /**
     * Spec {@code ClientRequest(i, id)}: the leader proposes the command at slot {@code Len + 1},
     * unless the same id is already waiting here (then the retry waits for that slot).
     */
    void propose(ClientRequest request) {
        PendingRequest same = pendingById.get(request.id());
        if (same != null) {
            same.waiters++;
            return;
        }
        int mark = ctx.out.mark();
        long slot = ctx.durability.append(PaxosEntry.cmd(st.promised, request.id(), request.command()));
        PendingRequest w = new PendingRequest(slot, request.id());
        pending.addLast(w);
        pendingById.put(request.id(), w);
        ctx.tracer.clientRequest(request.id(), slot, mark);
        ctx.replication.onAppended();
    }

    /** Applies every chosen slot not yet applied, answers waiting clients, maybe compacts. */
    void applyCommitted() {
        long upTo = st.commitIndex;
        if (st.appliedIndex() >= upTo) {
            return;
        }
        while (st.appliedIndex() < upTo) {
            long slot = st.appliedIndex() + 1;
            PaxosEntry e = st.log.entry(slot);
            if (e.isNone()) {
                throw new IllegalStateException("slot " + slot + " is committed but holds nothing");
            }
            Result result = st.machine.apply(slot, sessionId(e), e.command());
            ctx.out.apply(slot, e.id(), e.command(), result);
            if (!pending.isEmpty()) {
                answer(slot, e, result);
            }
        }
        ctx.snapshot.maybeCompact();
    }

    /**
     * The id under which the state machine's client session remembers the result: none for a
     * read-only command, which changes nothing, so a retry may simply run again in its own slot
     * (see {@link Reads}); its results then stay out of the session window and the snapshots.
     */
    private static RequestId sessionId(PaxosEntry e) {
        return e.command().isReadOnly() ? null : e.id();
    }

    private void answer(long slot, PaxosEntry applied, Result result) {
        while (!pending.isEmpty() && pending.peekFirst().slot <= slot) {
            PendingRequest w = pending.pollFirst();
            pendingById.remove(w.id);
            boolean mine = w.slot == slot && w.id.equals(applied.id());
            reply(w, mine ? result : new Result.Unknown(OVERWRITTEN));
        }
    }

    /** Leadership is lost: every waiting client learns that its outcome is unknown. */
    void failPending() {
        for (PendingRequest w : pending) {
            reply(w, new Result.Unknown(LEADERSHIP_LOST));
        }
        pending.clear();
        pendingById.clear();
    }

    private void reply(PendingRequest w, Result result) {
        for (int k = 0; k < w.waiters; k++) {
            ctx.out.reply(w.id, result);
        }
    }
}
