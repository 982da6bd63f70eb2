package dev.lockstep.repnothing;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.TraceLine;
import dev.lockstep.common.Tracer;
import dev.lockstep.core.Message;
import dev.lockstep.kv.RequestId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace lines of docs/protocols/repnothing-contract.md: {@code ClientRequest} (params
 * {@code id}), {@code Sync}, {@code Execute} and {@code Restart}, each with the state fields
 * {@code memLen}, {@code diskLen} and {@code applied}. RepNothing sends no messages.
 */
final class RepNothingTracer extends Tracer<Message> {
    private final RepNothingContext ctx;

    RepNothingTracer(RepNothingContext ctx, boolean on) {
        super(ctx.out, ctx.self, on);
        this.ctx = ctx;
    }

    void clientRequest(RequestId id, int mark) {
        if (on()) {
            emit("ClientRequest", null, null, TraceLine.params("id", id.toString()), mark, null);
        }
    }

    @Override
    protected Map<String, Object> stateFields() {
        RepNothingState st = ctx.state;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("memLen", st.log.length());
        state.put("diskLen", st.synced);
        state.put("applied", st.log.applied());
        return state;
    }

    @Override
    protected Map<String, Object> messageFields(NodeId from, NodeId to, Message message) {
        throw new IllegalStateException("RepNothing sends no messages");
    }
}
