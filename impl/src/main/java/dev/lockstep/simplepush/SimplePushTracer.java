package dev.lockstep.simplepush;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.TraceLine;
import dev.lockstep.common.Tracer;
import dev.lockstep.kv.RequestId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace lines of docs/protocols/simplepush-contract.md: state fields {@code logLen} and
 * {@code applied} on every line, {@code acks} on {@code HandlePushAck}; params {@code id} and
 * {@code peers} on {@code ClientRequest}, {@code peer} and {@code id} on {@code Push},
 * {@code id} on {@code Answer}. Messages as {@code {type, from, to, id}}.
 */
final class SimplePushTracer extends Tracer<PushMessage> {
    private final SimplePushContext ctx;

    SimplePushTracer(SimplePushContext ctx, boolean on) {
        super(ctx.out, ctx.self, on);
        this.ctx = ctx;
    }

    void clientRequest(RequestId id, int mark) {
        if (on()) {
            List<String> peers = ctx.peers.stream().map(NodeId::toString).sorted().toList();
            emit("ClientRequest", null, null, TraceLine.params("id", id.toString(), "peers", peers), mark, null);
        }
    }

    void push(NodeId peer, RequestId id, int mark) {
        if (on()) {
            emit("Push", null, null, TraceLine.params("peer", peer.toString(), "id", id.toString()), mark, null);
        }
    }

    void pushAck(NodeId from, PushMessage.PushAck m, List<String> acks, int mark) {
        if (on()) {
            emit("HandlePushAck", from, m, null, mark, Map.of("acks", acks));
        }
    }

    void answer(RequestId id, int mark) {
        if (on()) {
            emit("Answer", null, null, TraceLine.params("id", id.toString()), mark, null);
        }
    }

    @Override
    protected Map<String, Object> stateFields() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("logLen", ctx.state.log.length());
        state.put("applied", ctx.state.log.applied());
        return state;
    }

    @Override
    protected Map<String, Object> messageFields(NodeId from, NodeId to, PushMessage m) {
        return fields(from, to, m);
    }

    /** A message as the contract's record: {@code type, from, to, id}. */
    static Map<String, Object> fields(NodeId from, NodeId to, PushMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", m.type());
        f.put("from", from.toString());
        f.put("to", to.toString());
        f.put("id", switch (m) {
            case PushMessage.Push p -> p.entry().id().toString();
            case PushMessage.PushAck a -> a.id().toString();
        });
        return Collections.unmodifiableMap(f);
    }
}
