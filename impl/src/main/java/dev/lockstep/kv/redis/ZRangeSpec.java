package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.redis.RedisZSet.Scored;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;

/**
 * A score interval (ZRANGEBYSCORE, ZCOUNT: {@code 1}, {@code (1}, {@code -inf}, {@code +inf}) or
 * a lex interval (ZRANGEBYLEX: {@code [a}, {@code (a}, {@code -}, {@code +}) of a sorted set, and
 * Redis's way of walking one: find the first member past the start bound, then take members
 * while they are within the other bound. For a lex interval over members of different scores
 * this is what Redis does for a small (listpack) sorted set: defined, if not meaningful.
 */
sealed interface ZRangeSpec {
    String NOT_FLOAT = "ERR min or max is not a float";
    String NOT_LEX = "ERR min or max not valid string range item";

    /** True when the member is at or above the lower bound. */
    boolean aboveMin(Scored e);

    /** True when the member is at or below the upper bound. */
    boolean belowMax(Scored e);

    /** True when no value can be in the interval (min above max, or equal with an exclusive end). */
    boolean isEmpty();

    /** An iterator over {@code all} (descending when {@code reverse}) that starts at or before the first member in range. */
    Iterator<Scored> start(NavigableSet<Scored> all, boolean reverse);

    /** A score interval; {@code minEx}/{@code maxEx} make an end exclusive. */
    record Score(double min, boolean minEx, double max, boolean maxEx) implements ZRangeSpec {
        static Score parse(Bytes min, Bytes max) throws RedisError {
            String lo = min.utf8();
            String hi = max.utf8();
            boolean loEx = lo.startsWith("(");
            boolean hiEx = hi.startsWith("(");
            return new Score(strtod(loEx ? lo.substring(1) : lo), loEx, strtod(hiEx ? hi.substring(1) : hi), hiEx);
        }

        /** C's strtod as Redis uses it: leading spaces allowed, nothing after the number, NaN refused. */
        private static double strtod(String s) throws RedisError {
            if (s.isEmpty()) {
                return 0; // strtod converts nothing and stops at the end: Redis takes it as 0
            }
            int i = 0;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                throw new RedisError(NOT_FLOAT);
            }
            return Args.parseDouble(Bytes.utf8(s.substring(i)), NOT_FLOAT);
        }

        public boolean aboveMin(Scored e) {
            return minEx ? e.score() > min : e.score() >= min;
        }

        public boolean belowMax(Scored e) {
            return maxEx ? e.score() < max : e.score() <= max;
        }

        public boolean isEmpty() {
            return min > max || (min == max && (minEx || maxEx));
        }

        public Iterator<Scored> start(NavigableSet<Scored> all, boolean reverse) {
            if (!reverse) {
                return all.tailSet(new Scored(min, Bytes.EMPTY), true).iterator();
            }
            if (max == Double.POSITIVE_INFINITY) {
                return all.descendingIterator();
            }
            return all.headSet(new Scored(Math.nextUp(max), Bytes.EMPTY), false).descendingIterator();
        }
    }

    /** One end of a lex interval: {@code inf} is -1 for {@code -}, +1 for {@code +}, else 0 and {@code value} counts. */
    record LexBound(Bytes value, boolean ex, int inf) {
        static LexBound parse(Bytes item) throws RedisError {
            byte[] b = item.unsafeArray();
            if (b.length == 0) {
                throw new RedisError(NOT_LEX);
            }
            return switch (b[0]) {
                case '+', '-' -> {
                    if (b.length != 1) {
                        throw new RedisError(NOT_LEX);
                    }
                    yield new LexBound(Bytes.EMPTY, true, b[0] == '+' ? 1 : -1);
                }
                case '(', '[' -> new LexBound(Bytes.wrap(java.util.Arrays.copyOfRange(b, 1, b.length)), b[0] == '(', 0);
                default -> throw new RedisError(NOT_LEX);
            };
        }

        /** Redis's sdscmplex: {@code -} below everything, {@code +} above everything. */
        static int compare(LexBound a, LexBound b) {
            if (a.inf == b.inf && a.inf != 0) {
                return 0;
            }
            if (a.inf == -1 || b.inf == 1) {
                return -1;
            }
            if (a.inf == 1 || b.inf == -1) {
                return 1;
            }
            return a.value.compareTo(b.value);
        }
    }

    /** A lex interval (meant for members that share one score). */
    record Lex(LexBound min, LexBound max) implements ZRangeSpec {
        static Lex parse(Bytes min, Bytes max) throws RedisError {
            return new Lex(LexBound.parse(min), LexBound.parse(max));
        }

        public boolean aboveMin(Scored e) {
            int c = LexBound.compare(new LexBound(e.member(), false, 0), min);
            return min.ex() ? c > 0 : c >= 0;
        }

        public boolean belowMax(Scored e) {
            int c = LexBound.compare(new LexBound(e.member(), false, 0), max);
            return max.ex() ? c < 0 : c <= 0;
        }

        public boolean isEmpty() {
            int c = LexBound.compare(min, max);
            return c > 0 || (c == 0 && (min.ex() || max.ex()));
        }

        public Iterator<Scored> start(NavigableSet<Scored> all, boolean reverse) {
            double score = all.first().score();
            if (score != all.last().score()) {
                return reverse ? all.descendingIterator() : all.iterator(); // mixed scores: walk them all
            }
            // One score: members are in byte order, so seek the bound.
            if (!reverse) {
                return min.inf() != 0 ? all.iterator() : all.tailSet(new Scored(score, min.value()), true).iterator();
            }
            return max.inf() != 0 ? all.descendingIterator()
                    : all.headSet(new Scored(score, max.value()), true).descendingIterator();
        }
    }

    /**
     * The members of {@code z} in {@code range}, ascending (descending when {@code reverse}),
     * after skipping {@code offset} of them (negative: all) and taking at most {@code limit}
     * (negative: no limit), as Redis's ZRANGE ... LIMIT does.
     */
    static List<Scored> select(RedisZSet z, ZRangeSpec range, boolean reverse, long offset, long limit) {
        List<Scored> out = new ArrayList<>();
        if ((offset > 0 && offset >= z.size()) || z.size() == 0 || range.isEmpty() || offset < 0) {
            return out;
        }
        NavigableSet<Scored> all = z.ordered();
        if (!range.aboveMin(all.last()) || !range.belowMax(all.first())) {
            return out;
        }
        Iterator<Scored> it = range.start(all, reverse);
        Scored cur = null;
        while (it.hasNext()) {
            Scored e = it.next();
            if (reverse ? range.belowMax(e) : range.aboveMin(e)) {
                cur = e;
                break;
            }
        }
        if (cur == null || !(reverse ? range.aboveMin(cur) : range.belowMax(cur))) {
            return out;
        }
        for (long i = 0; i < offset; i++) {
            if (!it.hasNext()) {
                return out;
            }
            cur = it.next();
        }
        for (long left = limit; left != 0; left--) {
            if (!(reverse ? range.aboveMin(cur) : range.belowMax(cur))) {
                break;
            }
            out.add(cur);
            if (!it.hasNext()) {
                break;
            }
            cur = it.next();
        }
        return out;
    }
}
