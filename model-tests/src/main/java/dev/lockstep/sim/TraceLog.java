package dev.lockstep.sim;

import dev.lockstep.trace.TraceWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every trace line of a run in executed order (only when tracing is on). */
final class TraceLog {
    private final boolean enabled;
    private final List<TraceWriter.Line> lines = new ArrayList<>();

    TraceLog(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void add(String action, Map<String, Object> fields) {
        if (enabled) {
            lines.add(new TraceWriter.Line(action, fields));
        }
    }

    /** A network action on one message; skipped when the message has no trace form. */
    void network(String action, Map<String, Object> message) {
        if (enabled && message != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("msg", message);
            lines.add(new TraceWriter.Line(action, fields));
        }
    }

    List<TraceWriter.Line> lines() {
        return List.copyOf(lines);
    }

    int size() {
        return lines.size();
    }
}
