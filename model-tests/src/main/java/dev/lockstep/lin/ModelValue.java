package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The value of one key in the model: a string or a Redis collection. Immutable and equal by value
 * (the search memoises states). A collection is never empty: the model removes an emptied key,
 * as Redis does, so "absent" has one representation. Collections hold their elements in byte
 * order (hashes, sets, sorted-set members) or in list order.
 */
sealed interface ModelValue {

    /** The Redis type name (TYPE's answer), for reports. */
    String typeName();

    record Str(Bytes value) implements ModelValue {
        public String typeName() {
            return "string";
        }

        @Override
        public int hashCode() {
            return 0x5157 * 31 + value.hashCode();
        }

        @Override
        public String toString() {
            return "'" + value + "'";
        }
    }

    /** A hash: field to value, in field byte order. */
    record HashV(SortedMap<Bytes, Bytes> fields) implements ModelValue {
        public HashV {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("an empty hash is an absent key");
            }
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        public String typeName() {
            return "hash";
        }

        @Override
        public int hashCode() {
            return 0x4A54 * 31 + fields.hashCode();
        }

        @Override
        public String toString() {
            return "hash" + fields;
        }
    }

    /** A list, head first. */
    record ListV(List<Bytes> items) implements ModelValue {
        public ListV {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("an empty list is an absent key");
            }
            items = List.copyOf(items);
        }

        public String typeName() {
            return "list";
        }

        @Override
        public int hashCode() {
            return 0x1157 * 31 + items.hashCode();
        }

        @Override
        public String toString() {
            return "list" + items;
        }
    }

    /** A set, in member byte order. */
    record SetV(SortedSet<Bytes> members) implements ModelValue {
        public SetV {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("an empty set is an absent key");
            }
            members = Collections.unmodifiableSortedSet(new TreeSet<>(members));
        }

        public String typeName() {
            return "set";
        }

        @Override
        public int hashCode() {
            return 0x5E75 * 31 + members.hashCode();
        }

        @Override
        public String toString() {
            return "set" + members;
        }
    }

    /**
     * A sorted set: member to score, kept in member byte order (one canonical form per value);
     * {@link #ranked()} gives Redis's (score, member) order. Scores compare as {@code Double}
     * does (bit patterns), never NaN.
     */
    record ZSetV(SortedMap<Bytes, Double> scores) implements ModelValue {
        public ZSetV {
            if (scores.isEmpty()) {
                throw new IllegalArgumentException("an empty sorted set is an absent key");
            }
            for (Double s : scores.values()) {
                if (s.isNaN()) {
                    throw new IllegalArgumentException("a score is never NaN");
                }
            }
            scores = Collections.unmodifiableSortedMap(new TreeMap<>(scores));
        }

        public String typeName() {
            return "zset";
        }

        /** The members in ascending (score, member bytes) order. */
        List<Map.Entry<Bytes, Double>> ranked() {
            List<Map.Entry<Bytes, Double>> out = new ArrayList<>(scores.entrySet());
            // numeric comparison as Redis's skiplist does (-0 equals 0), then member bytes
            out.sort((a, b) -> {
                double x = a.getValue();
                double y = b.getValue();
                return x < y ? -1 : x > y ? 1 : a.getKey().compareTo(b.getKey());
            });
            return out;
        }

        @Override
        public int hashCode() {
            return 0x2537 * 31 + scores.hashCode();
        }

        @Override
        public String toString() {
            return "zset" + scores;
        }
    }
}
