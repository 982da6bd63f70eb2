package dev.lockstep.raft;

import dev.lockstep.common.PendingRequests;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;

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
    private final PendingRequests pending;

    Execution(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.pending = new PendingRequests(ctx.out);
    }

    /**
     * A write from a client. A non-leader refuses it; the leader appends it (spec
     * {@code ClientRequest(i, id)}) unless the same id is already pending in its log, in which
     * case the retry just waits for that entry.
     */
    void submit(ClientRequest request) {
        if (!st.isLeader()) {
            ctx.out.reply(request.id(), new Result.Redirect(java.util.Optional.ofNullable(st.leaderHint)));
            return;
        }
        if (pending.join(request.id())) {
            return;
        }
        int mark = ctx.out.mark();
        long index = ctx.durability.append(stored(new LogEntry(st.currentTerm, request.id(), request.command())));
        pending.add(index, request.id());
        ctx.tracer.clientRequest(request.id(), mark);
        ctx.replication.sendAppendsToAll();
    }

    /** The no-op a new leader appends (part of spec {@code BecomeLeader}, Raft §8). */
    void appendNoop() {
        ctx.durability.append(stored(LogEntry.noop(st.currentTerm)));
    }

    /** What the leader writes for a new value: the value, or CRaft's own shard of it. */
    private LogEntry stored(LogEntry full) {
        return ctx.craft == null ? full : ctx.craft.own(st.log.lastIndex() + 1, full);
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
            if (ctx.craft != null) {
                e = ctx.craft.coding.fullValue(index, e);
                if (e == null) {
                    ctx.craft.fetch.need(index, upTo);
                    break;
                }
                ctx.craft.coding.executed(index, st.isLeader());
            }
            Result result = st.machine.apply(e.id(), e.command());
            st.lastApplied = index;
            ctx.out.apply(index, e.id(), e.command(), result);
            if (!pending.isEmpty()) {
                pending.applied(index, e.id(), result, OVERWRITTEN);
            }
        }
        ctx.snapshot.maybeCompact();
        ctx.reads.onApplied();
    }

    /** Leadership is lost: every waiting client learns that its outcome is unknown. */
    void failPending() {
        pending.failAll(new Result.Unknown(LEADERSHIP_LOST));
    }
}
