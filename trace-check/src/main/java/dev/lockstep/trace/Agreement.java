package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.tlc.TlaValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares logged JSON values with spec values as TLC printed them, the way the trace spec
 * compares them: a logged object agrees with a spec record that has at least its fields (the spec
 * may carry ghost fields); a logged list agrees with a spec sequence element by element, or with a
 * spec set as a set; an empty list agrees with any empty collection (TLC prints an empty function
 * as {@code << >>}).
 */
final class Agreement {

    private Agreement() {}

    /** A logged JSON value in the shape of a parsed TLC value. */
    static TlaValue toTla(JsonNode json) {
        if (json.isObject()) {
            Map<String, TlaValue> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = json.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), toTla(f.getValue()));
            }
            return new TlaValue.Rec(fields);
        }
        if (json.isArray()) {
            List<TlaValue> items = new ArrayList<>();
            json.forEach(e -> items.add(toTla(e)));
            return new TlaValue.Seq(items);
        }
        if (json.isTextual()) {
            return new TlaValue.Str(json.asText());
        }
        if (json.isBoolean()) {
            return new TlaValue.Atom(json.asBoolean() ? "TRUE" : "FALSE");
        }
        return new TlaValue.Atom(json.asText());
    }

    static boolean agrees(TlaValue spec, TlaValue logged) {
        if (isEmptyCollection(spec) && isEmptyCollection(logged)) {
            return true;
        }
        if (logged instanceof TlaValue.Rec l) {
            return spec instanceof TlaValue.Rec s && recordAgrees(s, l);
        }
        if (logged instanceof TlaValue.Seq l && spec instanceof TlaValue.Seq s) {
            return sequenceAgrees(s.items(), l.items());
        }
        if (logged instanceof TlaValue.Seq l && spec instanceof TlaValue.SetOf s) {
            return setAgrees(s.items(), l.items());
        }
        return spec.equals(logged);
    }

    private static boolean recordAgrees(TlaValue.Rec spec, TlaValue.Rec logged) {
        for (Map.Entry<String, TlaValue> f : logged.fields().entrySet()) {
            TlaValue s = spec.fields().get(f.getKey());
            if (s == null || !agrees(s, f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sequenceAgrees(List<TlaValue> spec, List<TlaValue> logged) {
        if (spec.size() != logged.size()) {
            return false;
        }
        for (int k = 0; k < spec.size(); k++) {
            if (!agrees(spec.get(k), logged.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean setAgrees(List<TlaValue> spec, List<TlaValue> logged) {
        return covers(spec, logged) && covers(logged, spec);
    }

    private static boolean covers(List<TlaValue> a, List<TlaValue> b) {
        for (TlaValue x : b) {
            if (a.stream().noneMatch(y -> agrees(y, x) || agrees(x, y))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the spec's bag (a function to copy counts, as TLC prints it) holds exactly the
     * logged messages, each counted as often as logged.
     */
    static boolean bagAgrees(TlaValue specBag, List<TlaValue> logged) {
        List<TlaValue> spec = bagElements(specBag);
        if (spec.size() != logged.size()) {
            return false;
        }
        List<TlaValue> unmatched = new ArrayList<>(spec);
        for (TlaValue l : logged) {
            int k = 0;
            while (k < unmatched.size() && !agrees(unmatched.get(k), l)) {
                k++;
            }
            if (k == unmatched.size()) {
                return false;
            }
            unmatched.remove(k);
        }
        return true;
    }

    /** The elements of a bag, each repeated by its count. */
    static List<TlaValue> bagElements(TlaValue bag) {
        List<TlaValue> out = new ArrayList<>();
        if (bag instanceof TlaValue.Fn f) {
            for (TlaValue.Entry e : f.entries()) {
                int copies = e.value() instanceof TlaValue.Atom a && a.text().matches("\\d+")
                        ? Integer.parseInt(a.text()) : 1;
                for (int c = 0; c < copies; c++) {
                    out.add(e.key());
                }
            }
        }
        return out;
    }

    private static boolean isEmptyCollection(TlaValue v) {
        return v instanceof TlaValue.Seq s && s.items().isEmpty()
                || v instanceof TlaValue.SetOf s2 && s2.items().isEmpty()
                || v instanceof TlaValue.Rec r && r.fields().isEmpty()
                || v instanceof TlaValue.Fn f && f.entries().isEmpty();
    }
}
