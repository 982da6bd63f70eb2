package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A Redis sorted set: members with scores, ordered by (score, member) as Redis orders them. A
 * map gives a member's score in O(1); the ordered set gives ranges in O(log n + k). A rank is
 * O(rank) (no order-statistic tree; docs/protocols/kv.md says so).
 */
public final class RedisZSet {
    /** A member and its score, ordered by score, then by member bytes. */
    public record Scored(double score, Bytes member) {}

    public static final Comparator<Scored> ORDER =
            Comparator.comparingDouble(Scored::score).thenComparing(Scored::member);

    private final Map<Bytes, Double> scores = new HashMap<>();
    private final TreeSet<Scored> ordered = new TreeSet<>(ORDER);

    public int size() {
        return scores.size();
    }

    /** The member's score, or null. */
    public Double score(Bytes member) {
        return scores.get(member);
    }

    /** Sets a member's score; true if the member is new. */
    public boolean put(Bytes member, double score) {
        Double old = scores.put(member, score);
        if (old != null) {
            ordered.remove(new Scored(old, member));
        }
        ordered.add(new Scored(score, member));
        return old == null;
    }

    public boolean remove(Bytes member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        ordered.remove(new Scored(old, member));
        return true;
    }

    /** The members in (score, member) order (read-only view). */
    public NavigableSet<Scored> ordered() {
        return Collections.unmodifiableNavigableSet(ordered);
    }

    /** The 0-based rank of a present member in ascending order. */
    public int rank(Bytes member) {
        Double s = scores.get(member);
        if (s == null) {
            throw new IllegalArgumentException("not a member");
        }
        return ordered.headSet(new Scored(s, member), false).size();
    }
}
