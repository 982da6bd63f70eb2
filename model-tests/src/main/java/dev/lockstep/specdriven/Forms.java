package dev.lockstep.specdriven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Comparing the spec's JSON (TlaJson's ToJson) with a core's trace JSON: numbers by value,
 * objects by their fields, and the arrays the spec writes from sets (named in {@code setFields})
 * without order.
 */
final class Forms {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Forms() {}

    /** The same JSON with every number in its smallest form (1 and 1L compare equal). */
    static JsonNode normalize(JsonNode n) {
        try {
            return JSON.readTree(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean sameMessage(JsonNode core, JsonNode spec) {
        return normalize(core).equals(normalize(spec));
    }

    /**
     * The fields both sides name whose values differ, as "field: core X, spec Y" (empty when
     * they agree). Arrays under a name in {@code setFields} are compared as sets.
     */
    static List<String> differences(JsonNode core, JsonNode spec, Set<String> setFields) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode c = core.get(f.getKey());
            if (c == null) {
                continue;
            }
            boolean same = setFields.contains(f.getKey()) ? sameSet(c, f.getValue())
                    : normalize(c).equals(normalize(f.getValue()));
            if (!same) {
                out.add(f.getKey() + ": core " + c + ", spec " + f.getValue());
            }
        }
        return out;
    }

    /** Two arrays with the same elements, in any order and counting repeats. */
    static boolean sameSet(JsonNode a, JsonNode b) {
        return sortedTexts(a).equals(sortedTexts(b));
    }

    private static List<String> sortedTexts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(e -> texts.add(canonical(e)));
        texts.sort(null);
        return texts;
    }

    /** JSON text with object fields in name order, so equal values print equally. */
    static String canonical(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            StringBuilder b = new StringBuilder("{");
            for (String name : names) {
                b.append(b.length() > 1 ? "," : "").append('"').append(name).append("\":").append(canonical(n.get(name)));
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(canonical(e)));
            return "[" + String.join(",", items) + "]";
        }
        return normalize(n).toString();
    }
}
