package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Message;
import java.util.Map;

/**
 * What every protocol's tracer shares: it builds one {@link Effect.Trace} per spec action in
 * the common trace format ({@link TraceLine}; docs/runtime-contract.md, "Trace lines") from the
 * acting node's spec variables and the protocol's message fields, and builds nothing when
 * tracing is off. A protocol's tracer adds one method per kind of action it logs.
 *
 * @param <M> the protocol's message type
 */
public abstract class Tracer<M extends Message> {
    private final Outbox out;
    private final NodeId self;
    private final boolean on;

    protected Tracer(Outbox out, NodeId self, boolean on) {
        this.out = out;
        this.self = self;
        this.on = on;
    }

    /** Whether lines are built at all. */
    public final boolean on() {
        return on;
    }

    /** The acting node's spec variables after the action, as a fresh mutable map in a fixed order. */
    protected abstract Map<String, Object> stateFields();

    /** A message as the spec's record: {@code type}, {@code from}, {@code to} and its fields. */
    protected abstract Map<String, Object> messageFields(NodeId from, NodeId to, M message);

    /** An action that received {@code m} from {@code from}, with the standard state fields. */
    public final void received(String action, NodeId from, M m, int mark) {
        if (on) {
            emit(action, from, m, null, mark, null);
        }
    }

    /** A local action (no message received, no parameters), with the standard state fields. */
    public final void local(String action, int mark) {
        if (on) {
            emit(action, null, null, null, mark, null);
        }
    }

    /**
     * One line. Callers check {@link #on()} first, so that nothing is built when tracing is off.
     *
     * @param from the sender of {@code received}, or null
     * @param received the message the action received, or null
     * @param params the action's other parameters, or null
     * @param mark the outbox position before the action (its sends follow it)
     * @param extraState state fields this action adds to the standard ones, or null
     */
    protected final void emit(String action, NodeId from, M received, Map<String, Object> params, int mark,
            Map<String, Object> extraState) {
        Map<String, Object> state = stateFields();
        if (extraState != null) {
            state.putAll(extraState);
        }
        Map<String, Object> msg = received == null ? null : messageFields(from, self, received);
        out.trace(TraceLine.of(actionName(action), self, msg, params, out.sendsSince(mark),
                send -> messageFields(self, send.to(), cast(send.message())), state));
    }

    /** The name a line gets for {@code action}; a core whose spec names its actions otherwise renames here. */
    protected String actionName(String action) {
        return action;
    }

    @SuppressWarnings("unchecked")
    private M cast(Message m) {
        return (M) m;
    }
}
