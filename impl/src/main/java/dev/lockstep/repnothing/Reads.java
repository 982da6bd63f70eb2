package dev.lockstep.repnothing;

import dev.lockstep.core.Event.ClientRequest;

/**
 * Read-only commands, answered at once from the state machine. Linearizable with one copy: the
 * answer leaves only after every persist issued before it is durable (the runtime's barrier),
 * so a read never shows a write that a crash could still lose.
 */
class Reads {
    protected final RepNothingContext ctx;

    Reads(RepNothingContext ctx) {
        this.ctx = ctx;
    }

    void submit(ClientRequest request) {
        ctx.out.reply(request.id(), ctx.state.log.machine().read(request.command()));
    }
}
