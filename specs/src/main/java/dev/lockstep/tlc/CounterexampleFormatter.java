package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a behaviour as a numbered story: state 1 with every variable, then for each later
 * state the action that produced it and only what that action changed (see {@link StateDiff}).
 */
public final class CounterexampleFormatter {

    private static final String INDENT = "      ";

    private final int width;

    /** @param width the line width values are wrapped to */
    public CounterexampleFormatter(int width) {
        this.width = width;
    }

    public List<String> format(Counterexample behavior) {
        List<String> out = new ArrayList<>();
        Map<String, TlaValue> previous = null;
        for (TraceState state : behavior.states()) {
            Map<String, TlaValue> values = parse(state.variables());
            out.add(header(state));
            List<String> body = previous == null ? full(values) : changes(previous, values);
            body.forEach(line -> out.add(INDENT + line));
            out.add("");
            previous = values;
        }
        if (behavior.loop() != null) {
            out.add("   ... " + behavior.loop());
        } else if (!out.isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String header(TraceState state) {
        String where = state.location().isEmpty() ? "" : "   (" + state.location() + ")";
        return String.format("%3d. %s%s", state.number(), state.action(), where);
    }

    private List<String> full(Map<String, TlaValue> values) {
        int nameWidth = values.keySet().stream().mapToInt(String::length).max().orElse(0);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, TlaValue> e : values.entrySet()) {
            String label = String.format("%-" + nameWidth + "s = ", e.getKey());
            out.addAll(ValueFormat.labelled(label, e.getValue(), width - INDENT.length()));
        }
        return out;
    }

    private List<String> changes(Map<String, TlaValue> before, Map<String, TlaValue> after) {
        List<String> lines = StateDiff.lines(before, after, width - INDENT.length());
        return lines.isEmpty() ? List.of("(no variable changed)") : lines;
    }

    private static Map<String, TlaValue> parse(Map<String, String> raw) {
        Map<String, TlaValue> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, TlaValueParser.parse(v)));
        return values;
    }
}
