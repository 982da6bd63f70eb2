package dev.lockstep.simplepush;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.kv.Result;

/**
 * Spec {@code Execute(i)}: the entry just logged runs on the state machine in the same step.
 * There is no order across replicas (execution order NONE): each replica executes entries as
 * they reach its log; client sessions run a retry once.
 */
class Execution {
    protected final SimplePushContext ctx;
    protected final SimplePushState st;

    Execution(SimplePushContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    Result execute(long position, ClientEntry entry) {
        int mark = ctx.out.mark();
        Result result = st.log.execute(position, entry.id(), entry.command());
        ctx.out.apply(position, entry.id(), entry.command(), result);
        ctx.tracer.local("Execute", mark);
        ctx.snapshot.maybeCompact();
        return result;
    }
}
