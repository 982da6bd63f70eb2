package dev.lockstep.simplepush;

import dev.lockstep.core.Event.ClientRequest;

/**
 * Read-only commands, answered from this replica's state machine: what it has executed, which
 * may differ from what other replicas executed (SimplePush promises durability, not
 * consistency). The answer leaves only after every earlier persist is durable (the barrier).
 */
class Reads {
    protected final SimplePushContext ctx;

    Reads(SimplePushContext ctx) {
        this.ctx = ctx;
    }

    void submit(ClientRequest request) {
        ctx.out.reply(request.id(), ctx.state.log.machine().read(request.command()));
    }
}
