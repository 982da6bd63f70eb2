package dev.lockstep.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value as TLC prints it, parsed just enough to print it readably and to diff two states.
 * TLC prints a function whose domain is {@code 1..n} as a sequence, one whose domain is a set of
 * strings as a record, and any other as {@code (k1 :> v1 @@ k2 :> v2)} (a bag is such a function
 * to counts).
 */
public sealed interface TlaValue {

    /** A number, boolean, model value, interval {@code 1..3}, or anything not parsed further. */
    record Atom(String text) implements TlaValue {}

    /** A string; {@code value} is unescaped. */
    record Str(String value) implements TlaValue {}

    /** {@code <<a, b>>}. */
    record Seq(List<TlaValue> items) implements TlaValue {
        public Seq {
            items = List.copyOf(items);
        }
    }

    /** {@code {a, b}}. */
    record SetOf(List<TlaValue> items) implements TlaValue {
        public SetOf {
            items = List.copyOf(items);
        }
    }

    /** {@code [f1 |-> v1, f2 |-> v2]}: a record, or a function on strings. */
    record Rec(Map<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** {@code (k1 :> v1 @@ k2 :> v2)}: a function, e.g. a bag. */
    record Fn(List<Entry> entries) implements TlaValue {
        public Fn {
            entries = List.copyOf(entries);
        }
    }

    /** One mapping of a {@link Fn}. */
    record Entry(TlaValue key, TlaValue value) {}
}
