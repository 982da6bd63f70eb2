package dev.lockstep.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to one JSON/YAML object of the configuration. Every error names the
 * field by its full path ({@code limits.maxClients}); fields nobody asked for are reported as
 * unknown by {@link #rejectUnknown()}, so a typo never silently falls back to a default.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final Set<String> seen = new TreeSet<>();

    Fields(JsonNode node, String path) throws ConfigException {
        if (node == null || !node.isObject()) {
            throw new ConfigException("expected an object" + (path.isEmpty() ? "" : " at '" + path + "'"));
        }
        this.node = node;
        this.path = path;
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        seen.add(field);
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    String string(String field) throws ConfigException {
        if (!has(field)) {
            throw new ConfigException(name(field) + ": required field is missing");
        }
        JsonNode v = node.get(field);
        if (!v.isTextual() && !v.isNumber()) {
            throw new ConfigException(name(field) + ": expected a string, got " + v.getNodeType());
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            throw new ConfigException(name(field) + ": must not be empty");
        }
        return s;
    }

    Optional<String> optionalString(String field) throws ConfigException {
        return has(field) ? Optional.of(string(field)) : Optional.empty();
    }

    long integer(String field, long min, long max, long dflt) throws ConfigException {
        if (!has(field)) {
            return dflt;
        }
        return integer(field, min, max);
    }

    long integer(String field, long min, long max) throws ConfigException {
        if (!has(field)) {
            throw new ConfigException(name(field) + ": required field is missing");
        }
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ConfigException(name(field) + ": expected an integer, got '" + v.asText() + "'");
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw new ConfigException(name(field) + ": " + n + " is out of range " + min + ".." + max);
        }
        return n;
    }

    boolean bool(String field, boolean dflt) throws ConfigException {
        if (!has(field)) {
            return dflt;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw new ConfigException(name(field) + ": expected true or false, got '" + v.asText() + "'");
        }
        return v.asBoolean();
    }

    Optional<Fields> object(String field) throws ConfigException {
        return has(field) ? Optional.of(new Fields(node.get(field), name(field))) : Optional.empty();
    }

    Fields requiredObject(String field) throws ConfigException {
        if (!has(field)) {
            throw new ConfigException(name(field) + ": required field is missing");
        }
        return new Fields(node.get(field), name(field));
    }

    /** The names of this object's fields, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    void rejectUnknown() throws ConfigException {
        for (String key : keys()) {
            if (!seen.contains(key)) {
                throw new ConfigException(name(key) + ": unknown field (known here: " + String.join(", ", seen) + ")");
            }
        }
    }
}
