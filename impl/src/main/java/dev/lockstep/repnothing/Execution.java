package dev.lockstep.repnothing;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.Result;

/**
 * A client's write, all in one step (spec {@code ClientRequest}, {@code Sync}, {@code Execute}):
 * log it, persist it, execute it and answer. The answer and the trace lines leave once the
 * persist is durable (the runtime's barrier), so an acknowledged write is on disk. A retry runs
 * once: the state machine's client sessions return the first result.
 */
class Execution {
    protected final RepNothingContext ctx;
    protected final RepNothingState st;

    Execution(RepNothingContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    void submit(ClientRequest request) {
        int mark = ctx.out.mark();
        long position = ctx.durability.append(new ClientEntry(request.id(), request.command()));
        ctx.tracer.clientRequest(request.id(), mark);
        ctx.durability.sync();
        execute(position, request);
        ctx.snapshot.maybeCompact();
    }

    /** Spec {@code Execute(i)}: the entry at {@code position} runs and its client is answered. */
    protected void execute(long position, ClientRequest request) {
        int mark = ctx.out.mark();
        Result result = st.log.execute(position, request.id(), request.command());
        ctx.out.apply(position, request.id(), request.command(), result);
        ctx.tracer.local("Execute", mark);
        ctx.out.reply(request.id(), result);
    }
}
