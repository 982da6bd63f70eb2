package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Effect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@link Effect.Trace} of one spec action in the trace format every protocol shares
 * (docs/verification.md): the acting node, the received message, the action's other parameters,
 * the messages it sent and the node's spec variables after it, in that order. The runtime adds
 * the line number; protocols only say how their messages and state read.
 */
public final class TraceLine {
    private TraceLine() {}

    /**
     * @param received the received message's fields, or null if the action received none
     * @param params the action's other parameters, or null if it has none
     * @param sends what the action sent (e.g. {@link Outbox#sendsSince})
     * @param sentFields how one send reads in the trace
     * @param state the post-values of the node's spec variables
     */
    public static Effect.Trace of(String action, NodeId node, Map<String, Object> received, Map<String, Object> params,
            List<Effect.Send> sends, Function<Effect.Send, Map<String, Object>> sentFields, Map<String, Object> state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", node.toString());
        if (received != null) {
            fields.put("msg", received);
        }
        if (params != null) {
            fields.put("params", params);
        }
        List<Object> sent = new ArrayList<>(sends.size());
        for (Effect.Send s : sends) {
            sent.add(sentFields.apply(s));
        }
        fields.put("sent", Collections.unmodifiableList(sent));
        fields.put("state", Collections.unmodifiableMap(state));
        return new Effect.Trace(action, fields);
    }

    /** An action's parameters from alternating names and values, in that order. */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int k = 0; k < namesAndValues.length; k += 2) {
            params.put((String) namesAndValues[k], namesAndValues[k + 1]);
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * The members whose position bit is set in {@code bits} (a vote or promise set kept as a bit
     * per member position), as the trace's list of node names.
     */
    public static List<String> membersIn(NodeId[] members, long bits) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < members.length; p++) {
            if ((bits & (1L << p)) != 0) {
                names.add(members[p].toString());
            }
        }
        return Collections.unmodifiableList(names);
    }
}
