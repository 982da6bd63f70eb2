package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A Redis sorted set: members with scores, ordered by (score, member) as Redis orders them. A
 * small one is {@link Packed} in that order (Redis's listpack encoding); a larger one keeps a map
 * for a member's score in O(1) and an ordered set for ranges in O(log n + k). A rank is O(rank)
 * (no order-statistic tree; docs/data-model.md says so).
 */
public final class RedisZSet {
    /** A member and its score, ordered by score, then by member bytes. */
    public record Scored(double score, Bytes member) {}

    public static final Comparator<Scored> ORDER =
            Comparator.comparingDouble(Scored::score).thenComparing(Scored::member);

    private byte[] packed = Packed.EMPTY;
    private int packedSize;
    private Map<Bytes, Double> scores;
    private TreeSet<Scored> ordered;

    public int size() {
        return scores != null ? scores.size() : packedSize;
    }

    /** The member's score, or null. */
    public Double score(Bytes member) {
        if (scores != null) {
            return scores.get(member);
        }
        for (Scored s : decode()) {
            if (s.member().equals(member)) {
                return s.score();
            }
        }
        return null;
    }

    /** Sets a member's score; true if the member is new. */
    public boolean put(Bytes member, double score) {
        if (scores == null) {
            TreeSet<Scored> set = new TreeSet<>(ORDER);
            set.addAll(decode());
            boolean added = !set.removeIf(s -> s.member().equals(member));
            set.add(new Scored(score, member));
            if (set.size() * 2 > Packed.MAX_ITEMS || !Packed.fits(member)) {
                unpackInto(set);
            } else {
                encode(set);
            }
            return added;
        }
        Double old = scores.put(member, score);
        if (old != null) {
            ordered.remove(new Scored(old, member));
        }
        ordered.add(new Scored(score, member));
        return old == null;
    }

    public boolean remove(Bytes member) {
        if (scores == null) {
            TreeSet<Scored> set = new TreeSet<>(ORDER);
            set.addAll(decode());
            if (!set.removeIf(s -> s.member().equals(member))) {
                return false;
            }
            encode(set);
            return true;
        }
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        ordered.remove(new Scored(old, member));
        return true;
    }

    /** The members in (score, member) order (read-only; a packed set gives a copy). */
    public NavigableSet<Scored> ordered() {
        if (ordered != null) {
            return Collections.unmodifiableNavigableSet(ordered);
        }
        TreeSet<Scored> set = new TreeSet<>(ORDER);
        set.addAll(decode());
        return Collections.unmodifiableNavigableSet(set);
    }

    /** The 0-based rank of a present member in ascending order. */
    public int rank(Bytes member) {
        Double s = score(member);
        if (s == null) {
            throw new IllegalArgumentException("not a member");
        }
        return ordered().headSet(new Scored(s, member), false).size();
    }

    private List<Scored> decode() {
        List<Bytes> items = Packed.unpack(packed);
        List<Scored> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            out.add(new Scored(Packed.score(items.get(i + 1)), items.get(i)));
        }
        return out;
    }

    private void encode(TreeSet<Scored> set) {
        List<Bytes> items = new ArrayList<>(set.size() * 2);
        for (Scored s : set) {
            items.add(s.member());
            items.add(Packed.score(s.score()));
        }
        packed = Packed.pack(items);
        packedSize = set.size();
    }

    private void unpackInto(TreeSet<Scored> set) {
        scores = new HashMap<>();
        for (Scored s : set) {
            scores.put(s.member(), s.score());
        }
        ordered = set;
        packed = null;
    }
}
