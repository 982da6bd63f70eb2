package dev.lockstep.raft;

import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Client writes and the state machine: spec action {@code ClientRequest} (the leader appends a
 * command), applying committed entries in log order to the {@link dev.lockstep.kv.KvStateMachine}
 * (whose client sessions run a retried request once, thesis §6.3), and answering the clients
 * that wait for an entry.
 */
class Execution {
    static final String LEADERSHIP_LOST = "leadership lost before the request committed; retry with the same id";
    static final String OVERWRITTEN = "the request's log entry was overwritten; retry with the same id";

    protected final RaftContext ctx;
    protected final RaftState st;
    /** The leader's clients waiting for their entry to apply, in log order. */
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    /** The same requests by id (lookups only; never iterated). */
    private final HashMap<RequestId, PendingWrite> pendingById = new HashMap<>();

    /** A client request waiting at {@code index}; {@code waiters} counts retries that joined it. */
    private static final class PendingWrite {
        final long index;
        final RequestId id;
        int waiters = 1;

        PendingWrite(long index, RequestId id) {
            this.index = index;
            this.id = id;
        }
    }

    Execution(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /**
     * A write from a client. A non-leader refuses it; the leader appends it (spec
     * {@code ClientRequest(i, id)}) unless the same id is already pending in its log, in which
     * case the retry just waits for that entry.
     */
    void submit(ClientRequest request) {
        if (!st.isLeader()) {
            ctx.out.reply(request.id(), new Result.NotLeader(java.util.Optional.ofNullable(st.leaderHint)));
            return;
        }
        PendingWrite same = pendingById.get(request.id());
        if (same != null) {
            same.waiters++;
            return;
        }
        int mark = ctx.out.mark();
        long index = ctx.durability.append(new LogEntry(st.currentTerm, request.id(), request.command()));
        PendingWrite w = new PendingWrite(index, request.id());
        pending.addLast(w);
        pendingById.put(request.id(), w);
        ctx.tracer.clientRequest(request.id(), mark);
        ctx.replication.sendAppendsToAll();
    }

    /** The no-op a new leader appends (part of spec {@code BecomeLeader}, Raft §8). */
    void appendNoop() {
        ctx.durability.append(LogEntry.noop(st.currentTerm));
    }

    /** Applies every committed entry not yet applied, answers waiting clients, maybe snapshots. */
    void applyCommitted() {
        long upTo = Math.min(st.commitIndex, st.log.lastIndex());
        if (st.appliedIndex() >= upTo) {
            return;
        }
        while (st.appliedIndex() < upTo) {
            long index = st.appliedIndex() + 1;
            LogEntry e = st.log.entry(index);
            Result result = st.machine.apply(index, e.id(), e.command());
            ctx.out.apply(index, e.id(), e.command(), result);
            if (!pending.isEmpty()) {
                answer(index, e, result);
            }
        }
        ctx.snapshot.maybeCompact();
        ctx.reads.onApplied();
    }

    private void answer(long index, LogEntry applied, Result result) {
        while (!pending.isEmpty() && pending.peekFirst().index <= index) {
            PendingWrite w = pending.pollFirst();
            pendingById.remove(w.id);
            boolean mine = w.index == index && w.id.equals(applied.id());
            reply(w, mine ? result : new Result.Unknown(OVERWRITTEN));
        }
    }

    /** Leadership is lost: every waiting client learns that its outcome is unknown. */
    void failPending() {
        for (PendingWrite w : pending) {
            reply(w, new Result.Unknown(LEADERSHIP_LOST));
        }
        pending.clear();
        pendingById.clear();
    }

    private void reply(PendingWrite w, Result result) {
        for (int k = 0; k < w.waiters; k++) {
            ctx.out.reply(w.id, result);
        }
    }
}
