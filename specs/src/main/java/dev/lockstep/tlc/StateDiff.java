package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes between two consecutive states, one line (or block) per change, descending into
 * functions, records and sequences so that only what changed is shown:
 * <ul>
 *   <li>{@code currentTerm[n1] = 2   (was 1)}: a value changed;
 *   <li>{@code messages + [type |-> ...] :> 1}: a function (e.g. a bag) gained a mapping;
 *   <li>{@code messages - [type |-> ...] :> 1}: a function lost a mapping;
 *   <li>{@code log[n1] ++ <<[term |-> 2, ...]>>}: entries were appended to a sequence;
 *   <li>{@code votes[n1] + n2} / {@code - n2}: an element joined or left a large set.
 * </ul>
 */
final class StateDiff {

    private static final int SHORT = 40;

    private final int width;
    private final List<String> out = new ArrayList<>();

    private StateDiff(int width) {
        this.width = width;
    }

    /** Lines describing how {@code after} differs from {@code before}, variable by variable. */
    static List<String> lines(Map<String, TlaValue> before, Map<String, TlaValue> after, int width) {
        StateDiff d = new StateDiff(width);
        for (Map.Entry<String, TlaValue> e : after.entrySet()) {
            TlaValue old = before.get(e.getKey());
            if (old == null) {
                d.replaced(e.getKey(), null, e.getValue());
            } else {
                d.diff(e.getKey(), old, e.getValue());
            }
        }
        return d.out;
    }

    private void diff(String path, TlaValue old, TlaValue now) {
        if (old.equals(now)) {
            return;
        }
        Map<String, TlaValue.Entry> oldMap = mappings(old, now);
        Map<String, TlaValue.Entry> newMap = mappings(now, old);
        if (oldMap != null && newMap != null) {
            diffMappings(path, oldMap, newMap);
        } else if (old instanceof TlaValue.Seq o && now instanceof TlaValue.Seq n) {
            diffSequences(path, o.items(), n.items());
        } else if (old instanceof TlaValue.SetOf o && now instanceof TlaValue.SetOf n
                && ValueFormat.oneLine(old).length() + ValueFormat.oneLine(now).length() > 2 * SHORT) {
            diffSets(path, o.items(), n.items());
        } else {
            replaced(path, old, now);
        }
    }

    private void diffMappings(String path, Map<String, TlaValue.Entry> old,
            Map<String, TlaValue.Entry> now) {
        for (Map.Entry<String, TlaValue.Entry> e : now.entrySet()) {
            TlaValue.Entry before = old.get(e.getKey());
            if (before == null) {
                block(path + " + ", e.getValue());
            } else {
                diff(path + "[" + e.getKey() + "]", before.value(), e.getValue().value());
            }
        }
        for (Map.Entry<String, TlaValue.Entry> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) {
                block(path + " - ", e.getValue());
            }
        }
    }

    private void diffSequences(String path, List<TlaValue> old, List<TlaValue> now) {
        if (old.size() == now.size()) {
            for (int i = 0; i < now.size(); i++) {
                diff(path + "[" + (i + 1) + "]", old.get(i), now.get(i));
            }
        } else if (now.size() > old.size() && now.subList(0, old.size()).equals(old)) {
            TlaValue appended = new TlaValue.Seq(now.subList(old.size(), now.size()));
            out.addAll(ValueFormat.labelled(path + " ++ ", appended, width));
        } else {
            replaced(path, new TlaValue.Seq(old), new TlaValue.Seq(now));
        }
    }

    private void diffSets(String path, List<TlaValue> old, List<TlaValue> now) {
        for (TlaValue v : now) {
            if (!old.contains(v)) {
                out.addAll(ValueFormat.labelled(path + " + ", v, width));
            }
        }
        for (TlaValue v : old) {
            if (!now.contains(v)) {
                out.addAll(ValueFormat.labelled(path + " - ", v, width));
            }
        }
    }

    private void replaced(String path, TlaValue old, TlaValue now) {
        List<String> lines = ValueFormat.labelled(path + " = ", now, width);
        String was = old == null ? "" : ValueFormat.oneLine(old);
        if (lines.size() == 1 && old != null && was.length() <= SHORT) {
            out.add(lines.get(0) + "   (was " + was + ")");
        } else {
            out.addAll(lines);
        }
    }

    private void block(String label, TlaValue.Entry e) {
        out.addAll(ValueFormat.labelled(label + ValueFormat.oneLine(e.key()) + " :> ", e.value(), width));
    }

    /**
     * The value as key -> mapping if it is a function or record; an empty sequence counts as an
     * empty function when the other side is one (TLC prints the empty function as {@code << >>}).
     */
    private static Map<String, TlaValue.Entry> mappings(TlaValue v, TlaValue other) {
        Map<String, TlaValue.Entry> m = new LinkedHashMap<>();
        if (v instanceof TlaValue.Rec r) {
            r.fields().forEach((k, val) -> m.put(k, new TlaValue.Entry(new TlaValue.Atom(k), val)));
            return m;
        }
        if (v instanceof TlaValue.Fn f) {
            f.entries().forEach(e -> m.put(ValueFormat.oneLine(e.key()), e));
            return m;
        }
        boolean emptySeq = v instanceof TlaValue.Seq s && s.items().isEmpty();
        boolean otherIsMapping = other instanceof TlaValue.Rec || other instanceof TlaValue.Fn;
        return emptySeq && otherIsMapping ? m : null;
    }
}
