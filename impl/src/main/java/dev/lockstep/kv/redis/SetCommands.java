package dev.lockstep.kv.redis;

import static dev.lockstep.kv.redis.Replies.bulk;
import static dev.lockstep.kv.redis.Replies.bulks;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Redis set commands (redis.io/commands, group "set"), with Redis 7's replies and errors (RESP2
 * shapes: SPOP/SRANDMEMBER with a count reply with an array). A set lists its members in byte
 * order, so SMEMBERS, SINTER and friends reply alike on every replica; SPOP and SRANDMEMBER draw
 * from {@link Db#random()}. SSCAN returns the whole set in one reply (next cursor 0).
 *
 * <p>SINTERCARD is registered with keys 2..-1: its key list is {@code numkeys} long, so a
 * trailing {@code LIMIT n} is counted as two more keys. That over-approximates the keys for
 * conflict detection (harmless: it can only order more commands), never under-approximates.
 */
final class SetCommands {
    private SetCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("sadd", -3, false, SetCommands::sadd);
        t.oneKey("srem", -3, false, SetCommands::srem);
        t.oneKey("smembers", 2, true, (db, a) -> memberSet(members(db.read(a.get(1), RedisSet.class))));
        t.oneKey("sismember", 3, true, (db, a) -> {
            RedisSet s = db.read(a.get(1), RedisSet.class);
            return new Result.Int(s != null && s.contains(a.get(2)) ? 1 : 0);
        });
        t.oneKey("smismember", -3, true, (db, a) -> {
            RedisSet s = db.read(a.get(1), RedisSet.class);
            List<Result> out = new ArrayList<>(a.size() - 2);
            for (int i = 2; i < a.size(); i++) {
                out.add(new Result.Int(s != null && s.contains(a.get(i)) ? 1 : 0));
            }
            return new Result.Array(out);
        });
        t.oneKey("scard", 2, true, (db, a) -> {
            RedisSet s = db.read(a.get(1), RedisSet.class);
            return new Result.Int(s == null ? 0 : s.size());
        });
        t.oneKey("spop", -2, false, SetCommands::spop);
        t.oneKey("srandmember", -2, true, SetCommands::srandmember);
        t.add("sinter", -2, true, 1, -1, 1, (db, a) -> memberSet(combine(db, a, 1, Op.INTER, 0)));
        t.add("sunion", -2, true, 1, -1, 1, (db, a) -> memberSet(combine(db, a, 1, Op.UNION, 0)));
        t.add("sdiff", -2, true, 1, -1, 1, (db, a) -> memberSet(combine(db, a, 1, Op.DIFF, 0)));
        t.add("sinterstore", -3, false, 1, -1, 1, (db, a) -> store(db, a, Op.INTER));
        t.add("sunionstore", -3, false, 1, -1, 1, (db, a) -> store(db, a, Op.UNION));
        t.add("sdiffstore", -3, false, 1, -1, 1, (db, a) -> store(db, a, Op.DIFF));
        t.add("smove", 4, false, 1, 2, 1, SetCommands::smove);
        t.add("sintercard", -3, true, 2, -1, 1, SetCommands::sintercard);
        t.oneKey("sscan", -3, true, SetCommands::sscan);
    }

    private enum Op { INTER, UNION, DIFF }

    /** SADD key member [member ...]: the number of members added. */
    private static Result sadd(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisSet s = db.write(key, RedisSet.class, RedisSet::new);
        int added = 0;
        for (int i = 2; i < a.size(); i++) {
            if (s.add(a.get(i))) {
                added++;
            }
        }
        if (added > 0 || s.size() == 0) {
            db.changed(key);
        }
        return new Result.Int(added);
    }

    /** SREM key member [member ...]: the number removed; an emptied set is deleted. */
    private static Result srem(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisSet s = db.read(key, RedisSet.class);
        if (s == null) {
            return new Result.Int(0);
        }
        int removed = 0;
        for (int i = 2; i < a.size(); i++) {
            if (s.remove(a.get(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            db.changed(key);
        }
        return new Result.Int(removed);
    }

    /**
     * SPOP key [count]: removes and returns a random member (nil when absent); with a count
     * (>= 0) an array of up to count distinct members, the whole set (in order) when count >=
     * its size.
     */
    private static Result spop(Db db, Args a) throws RedisError {
        if (a.size() > 3) {
            throw new RedisError(RedisError.SYNTAX);
        }
        Bytes key = a.get(1);
        if (a.size() == 2) {
            RedisSet s = db.read(key, RedisSet.class);
            if (s == null) {
                return bulk(null);
            }
            Bytes m = s.at(db.random().nextInt(s.size()));
            s.remove(m);
            db.changed(key);
            return bulk(m);
        }
        long count = positive(a.get(2), "ERR value is out of range, must be positive");
        RedisSet s = db.read(key, RedisSet.class);
        if (s == null || count == 0) {
            return new Result.Array(List.of());
        }
        List<Bytes> all = s.toList();
        if (count >= all.size()) {
            db.delete(key);
            return bulks(all);
        }
        List<Bytes> popped = new ArrayList<>((int) count);
        for (int i : distinct(db.random(), all.size(), (int) count)) {
            popped.add(all.get(i));
        }
        for (Bytes m : popped) {
            s.remove(m);
        }
        db.changed(key);
        return bulks(popped);
    }

    /**
     * SRANDMEMBER key [count]: a random member (nil when absent); a positive count gives up to
     * count distinct members (the whole set when count >= its size), a negative one exactly
     * -count members that may repeat.
     */
    private static Result srandmember(Db db, Args a) throws RedisError {
        if (a.size() > 3) {
            throw new RedisError(RedisError.SYNTAX);
        }
        if (a.size() == 2) {
            RedisSet s = db.read(a.get(1), RedisSet.class);
            return bulk(s == null ? null : s.at(db.random().nextInt(s.size())));
        }
        long count = randomCount(a.integer(2));
        RedisSet s = db.read(a.get(1), RedisSet.class);
        if (s == null || count == 0) {
            return new Result.Array(List.of());
        }
        List<Bytes> all = s.toList();
        List<Bytes> picked = new ArrayList<>();
        if (count < 0 || count == 1) {
            int n = replySize(Math.abs(count), 1);
            Prng r = db.random();
            for (int i = 0; i < n; i++) {
                picked.add(all.get(r.nextInt(all.size())));
            }
        } else if (count >= all.size()) {
            picked = all;
        } else {
            for (int i : distinct(db.random(), all.size(), (int) count)) {
                picked.add(all.get(i));
            }
        }
        return bulks(picked);
    }

    /** SINTERSTORE/SUNIONSTORE/SDIFFSTORE destination key [key ...]: replaces destination; its size. */
    private static Result store(Db db, Args a, Op op) throws RedisError {
        TreeSet<Bytes> result = combine(db, a, 2, op, 0);
        Bytes dst = a.get(1);
        if (result.isEmpty()) {
            db.delete(dst);
            return new Result.Int(0);
        }
        RedisSet s = new RedisSet();
        for (Bytes m : result) {
            s.add(m);
        }
        db.putValue(dst, s);
        return new Result.Int(s.size());
    }

    /**
     * SMOVE source destination member: 1 if moved, 0 if source lacks it. A missing source gives 0
     * before any type check of destination, as in Redis; source == destination changes nothing.
     */
    private static Result smove(Db db, Args a) throws RedisError {
        Bytes src = a.get(1);
        Bytes dst = a.get(2);
        Bytes m = a.get(3);
        RedisSet from = db.read(src, RedisSet.class);
        if (from == null) {
            return new Result.Int(0);
        }
        db.read(dst, RedisSet.class); // WRONGTYPE before changing anything
        if (src.equals(dst)) {
            return new Result.Int(from.contains(m) ? 1 : 0);
        }
        if (!from.remove(m)) {
            return new Result.Int(0);
        }
        db.changed(src);
        db.write(dst, RedisSet.class, RedisSet::new).add(m);
        db.changed(dst);
        return new Result.Int(1);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]: the intersection's size, capped at limit (0: none). */
    private static Result sintercard(Db db, Args a) throws RedisError {
        long numkeys = ranged(a.get(1), 1, "ERR numkeys should be greater than 0");
        if (numkeys > a.size() - 2) {
            throw new RedisError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < a.size(); j++) {
            if (a.is(j, "limit") && j < a.size() - 1) {
                j++;
                limit = positive(a.get(j), "ERR LIMIT can't be negative");
            } else {
                throw new RedisError(RedisError.SYNTAX);
            }
        }
        Args keys = new Args(a.argv().subList(0, 2 + (int) numkeys));
        return new Result.Int(combine(db, keys, 2, Op.INTER, limit).size());
    }

    /** SSCAN key cursor [MATCH pattern] [COUNT count]: [next cursor, [member, ...]]. */
    private static Result sscan(Db db, Args a) throws RedisError {
        HashCommands.parseCursor(a.get(2));
        RedisSet s = db.read(a.get(1), RedisSet.class);
        if (s == null) {
            return HashCommands.scanReply(List.of());
        }
        HashCommands.ScanOptions o = HashCommands.ScanOptions.parse(a, 3, false);
        List<Result> out = new ArrayList<>();
        for (Bytes m : s.members()) {
            if (o.matches(m)) {
                out.add(bulk(m));
            }
        }
        return HashCommands.scanReply(out);
    }

    /**
     * The intersection, union or difference (first minus the rest) of the sets at keys
     * {@code from}.. of {@code a}; a missing key is an empty set. Every key is type-checked before
     * anything is computed. An intersection stops at {@code limit} members when it is positive.
     */
    private static TreeSet<Bytes> combine(Db db, Args a, int from, Op op, long limit) throws RedisError {
        List<RedisSet> sets = new ArrayList<>();
        boolean missing = false;
        for (int i = from; i < a.size(); i++) {
            RedisSet s = db.read(a.get(i), RedisSet.class);
            missing |= s == null;
            sets.add(s);
        }
        TreeSet<Bytes> out = new TreeSet<>();
        switch (op) {
            case INTER -> {
                if (missing) {
                    return out;
                }
                RedisSet smallest = sets.get(0);
                for (RedisSet s : sets) {
                    smallest = s.size() < smallest.size() ? s : smallest;
                }
                outer:
                for (Bytes m : smallest.members()) {
                    for (RedisSet s : sets) {
                        if (s != smallest && !s.contains(m)) {
                            continue outer;
                        }
                    }
                    out.add(m);
                    if (limit > 0 && out.size() >= limit) {
                        break;
                    }
                }
            }
            case UNION -> {
                for (RedisSet s : sets) {
                    if (s != null) {
                        out.addAll(s.members());
                    }
                }
            }
            case DIFF -> {
                if (sets.get(0) == null) {
                    return out;
                }
                out.addAll(sets.get(0).members());
                for (int i = 1; i < sets.size() && !out.isEmpty(); i++) {
                    if (sets.get(i) != null) {
                        out.removeAll(sets.get(i).members());
                    }
                }
            }
        }
        return out;
    }

    private static List<Bytes> members(RedisSet s) {
        return s == null ? List.of() : s.toList();
    }

    // ---- helpers shared with HashCommands ----

    /**
     * {@code k} distinct indexes in [0, n), in the order drawn (a partial Fisher-Yates shuffle
     * driven by {@code r}); {@code 0 <= k <= n}.
     */
    static int[] distinct(Prng r, int n, int k) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return java.util.Arrays.copyOf(idx, k);
    }

    /** Members as a set reply (RESP3 {@code ~}, RESP2 an array), in byte order. */
    static Result memberSet(Iterable<Bytes> members) {
        List<Result> out = new ArrayList<>();
        for (Bytes m : members) {
            out.add(new Result.Value(java.util.Optional.of(m)));
        }
        return new Result.Array(out, Result.Shape.SET);
    }

    /** SRANDMEMBER/HRANDFIELD's count: any 64-bit integer but LONG_MIN (Redis reads it in -LONG_MAX..LONG_MAX). */
    static long randomCount(long count) throws RedisError {
        if (count == Long.MIN_VALUE) {
            throw new RedisError("ERR value is out of range, value must between " + -Long.MAX_VALUE + " and "
                    + Long.MAX_VALUE);
        }
        return count;
    }

    /**
     * Most elements a reply with repeats may hold. Redis streams such a reply; Lockstep builds it
     * in memory (inside a transaction, on every replica), so a huge count would exhaust the heap.
     */
    static final long MAX_REPEATED_REPLY = 1_000_000;

    /**
     * The number of picks of a reply with repeats ({@code n} elements of {@code per} entries
     * each); above {@link #MAX_REPEATED_REPLY} entries it is refused with an error that says so.
     */
    static int replySize(long n, int per) throws RedisError {
        if (n > MAX_REPEATED_REPLY / per) {
            throw new RedisError("ERR value is out of range: Lockstep answers at most " + MAX_REPEATED_REPLY
                    + " elements with repeats (a negative count)");
        }
        return (int) n;
    }

    /** Redis's getPositiveLongFromObjectOrReply with a message: any failure replies {@code msg}. */
    private static long positive(Bytes arg, String msg) throws RedisError {
        return ranged(arg, 0, msg);
    }

    /** Redis's getRangeLongFromObjectOrReply(min, LONG_MAX, msg): a bad integer also replies {@code msg}. */
    private static long ranged(Bytes arg, long min, String msg) throws RedisError {
        long v;
        try {
            v = Args.parseLong(arg);
        } catch (RedisError e) {
            throw new RedisError(msg);
        }
        if (v < min) {
            throw new RedisError(msg);
        }
        return v;
    }
}
