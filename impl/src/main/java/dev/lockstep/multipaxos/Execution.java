package dev.lockstep.multipaxos;

import dev.lockstep.common.PendingRequests;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
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
    private final PendingRequests pending;

    Execution(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.pending = new PendingRequests(ctx.out);
    }

    /** A command from a client: a replica that does not lead refers it to the leader it knows. */
    void submit(ClientRequest request) {
        if (!st.isLeader()) {
            ctx.out.reply(request.id(), new Result.Redirect(Optional.ofNullable(st.leaderHint)));
            return;
        }
        propose(request);
    }

    /**
     * Spec {@code ClientRequest(i, id)}: the leader proposes the command at slot {@code Len + 1},
     * unless the same id is already waiting here (then the retry waits for that slot).
     */
    void propose(ClientRequest request) {
        if (pending.join(request.id())) {
            return;
        }
        int mark = ctx.out.mark();
        long slot = ctx.durability.append(ctx.coding.store(st.log.len() + 1,
                PaxosEntry.cmd(st.promised, request.id(), request.command())));
        pending.add(slot, request.id());
        ctx.tracer.clientRequest(request.id(), slot, st.log.entry(slot), mark);
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
            PaxosEntry held = st.log.entry(slot);
            if (held.isNone()) {
                throw new IllegalStateException("slot " + slot + " is committed but holds nothing");
            }
            PaxosEntry e = ctx.coding.fullValue(slot, held);
            if (e == null) {
                ctx.reconstruction.need(slot, upTo);
                break;
            }
            ctx.tracer.execute(slot, held);
            ctx.coding.executed(slot);
            Result result = st.machine.apply(sessionId(e), e.command());
            st.lastApplied = slot;
            ctx.out.apply(slot, e.id(), e.command(), result);
            if (!pending.isEmpty()) {
                pending.applied(slot, e.id(), result, OVERWRITTEN);
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

    /** Leadership is lost: every waiting client learns that its outcome is unknown. */
    void failPending() {
        pending.failAll(new Result.Unknown(LEADERSHIP_LOST));
    }
}
