package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link TlaValue} in TLA+ syntax: on one line when it fits the width, otherwise one
 * element, field or mapping per line, indented by four spaces per level.
 */
public final class ValueFormat {

    private static final String INDENT = "    ";
    private static final List<String> LEADING_FIELDS = List.of("type", "from", "to");

    private ValueFormat() {}

    public static String oneLine(TlaValue v) {
        if (v instanceof TlaValue.Atom a) {
            return a.text();
        }
        if (v instanceof TlaValue.Str s) {
            return quote(s.value());
        }
        if (v instanceof TlaValue.Seq s) {
            return "<<" + String.join(", ", s.items().stream().map(ValueFormat::oneLine).toList()) + ">>";
        }
        if (v instanceof TlaValue.SetOf s) {
            return "{" + String.join(", ", s.items().stream().map(ValueFormat::oneLine).toList()) + "}";
        }
        if (v instanceof TlaValue.Rec r) {
            return "[" + String.join(", ", readingOrder(r).stream()
                    .map(e -> e.getKey() + " |-> " + oneLine(e.getValue())).toList()) + "]";
        }
        TlaValue.Fn f = (TlaValue.Fn) v;
        return "(" + String.join(" @@ ", f.entries().stream().map(ValueFormat::entry).toList()) + ")";
    }

    /** {@code key :> value} on one line. */
    public static String entry(TlaValue.Entry e) {
        return oneLine(e.key()) + " :> " + oneLine(e.value());
    }

    /**
     * The value's lines when it starts at a column leaving {@code width} characters; lines after
     * the first are indented relative to the value's own start.
     */
    public static List<String> lines(TlaValue v, int width) {
        String one = oneLine(v);
        if (one.length() <= width) {
            return List.of(one);
        }
        if (v instanceof TlaValue.Seq s && !s.items().isEmpty()) {
            return block("<<", ">>", ",", s.items().stream().map(i -> lines(i, width - 4)).toList());
        }
        if (v instanceof TlaValue.SetOf s && !s.items().isEmpty()) {
            return block("{", "}", ",", s.items().stream().map(i -> lines(i, width - 4)).toList());
        }
        if (v instanceof TlaValue.Rec r && !r.fields().isEmpty()) {
            List<List<String>> fields = new ArrayList<>();
            for (Map.Entry<String, TlaValue> e : readingOrder(r)) {
                fields.add(labelled(e.getKey() + " |-> ", e.getValue(), width - 4));
            }
            return block("[", "]", ",", fields);
        }
        if (v instanceof TlaValue.Fn f && !f.entries().isEmpty()) {
            List<List<String>> entries = new ArrayList<>();
            for (TlaValue.Entry e : f.entries()) {
                entries.add(labelled(oneLine(e.key()) + " :> ", e.value(), width - 4));
            }
            return block("(", ")", " @@", entries);
        }
        return List.of(one);
    }

    /** {@code label} followed by the value's lines, the first on the label's line. */
    static List<String> labelled(String label, TlaValue v, int width) {
        List<String> valueLines = lines(v, Math.max(20, width - label.length()));
        List<String> out = new ArrayList<>();
        out.add(label + valueLines.get(0));
        out.addAll(valueLines.subList(1, valueLines.size()));
        return out;
    }

    private static List<String> block(String open, String close, String separator,
            List<List<String>> children) {
        List<String> out = new ArrayList<>();
        out.add(open);
        for (int i = 0; i < children.size(); i++) {
            List<String> child = children.get(i);
            for (int j = 0; j < child.size(); j++) {
                boolean lastLine = j == child.size() - 1 && i < children.size() - 1;
                out.add(INDENT + child.get(j) + (lastLine ? separator : ""));
            }
        }
        out.add(close);
        return out;
    }

    /**
     * The record's fields with {@code type}, {@code from}, {@code to} first (a message reads
     * "what, from whom, to whom, ..."), then the others in TLC's order.
     */
    static List<Map.Entry<String, TlaValue>> readingOrder(TlaValue.Rec r) {
        List<Map.Entry<String, TlaValue>> first = new ArrayList<>();
        List<Map.Entry<String, TlaValue>> rest = new ArrayList<>();
        for (String key : LEADING_FIELDS) {
            if (r.fields().containsKey(key)) {
                first.add(Map.entry(key, r.fields().get(key)));
            }
        }
        for (Map.Entry<String, TlaValue> e : r.fields().entrySet()) {
            if (!LEADING_FIELDS.contains(e.getKey())) {
                rest.add(e);
            }
        }
        first.addAll(rest);
        return first;
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
