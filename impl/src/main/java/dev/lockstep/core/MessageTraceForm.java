package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message as it appears in a trace line (the spec's record: {@code type}, {@code from},
 * {@code to}, {@code term} and the protocol's fields). The simulator needs it to write the
 * network's own actions ({@code DuplicateMessage}, {@code DropMessage}) even when it did not see
 * the message in a replica's trace line.
 */
@FunctionalInterface
public interface MessageTraceForm {

    Map<String, Object> of(NodeId from, NodeId to, Message message);

    /** The fallback: the message class's simple name as its type, plus from, to and term. */
    MessageTraceForm MINIMAL = (from, to, m) -> {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", m.getClass().getSimpleName());
        f.put("from", from.toString());
        f.put("to", to.toString());
        f.put("term", m.term());
        return f;
    };
}
