package dev.lockstep.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Validated values of a protocol's {@link ParameterSet}, in the set's order. Built only by the
 * set, so a core that reads a name its set declares always finds a value in range.
 */
public final class Parameters {
    private final Map<String, Integer> values;

    Parameters(Map<String, Integer> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code name}; a name the protocol does not declare is a programming error. */
    public int get(String name) {
        Integer v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (have " + values.keySet() + ")");
        }
        return v;
    }

    public Map<String, Integer> values() {
        return values;
    }

    /** {@code name=value} pairs in the set's order, for options lines and logs. */
    public String describe() {
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.length() == 0 ? "(no parameters)" : j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
