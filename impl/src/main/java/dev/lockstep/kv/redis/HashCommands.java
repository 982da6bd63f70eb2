package dev.lockstep.kv.redis;

import static dev.lockstep.kv.redis.Replies.bulk;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redis hash commands (redis.io/commands, group "hash"), with Redis 7's replies and errors
 * (RESP2 shapes: HGETALL and HRANDFIELD .. WITHVALUES reply with a flat field, value array).
 * A hash lists its fields in byte order, so every replica replies alike; HRANDFIELD draws from
 * {@link Db#random()}. HSCAN returns the whole hash in one reply (next cursor 0), which SCAN's
 * contract allows (COUNT is a hint).
 */
final class HashCommands {
    static final String HASH_NOT_INTEGER = "ERR hash value is not an integer";
    static final String HASH_NOT_FLOAT = "ERR hash value is not a float";

    private HashCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("hset", -4, false, HashCommands::hset);
        t.oneKey("hmset", -4, false, HashCommands::hset);
        t.oneKey("hsetnx", 4, false, HashCommands::hsetnx);
        t.oneKey("hget", 3, true, (db, a) -> {
            RedisHash h = db.read(a.get(1), RedisHash.class);
            return bulk(h == null ? null : h.get(a.get(2)));
        });
        t.oneKey("hmget", -3, true, HashCommands::hmget);
        t.oneKey("hgetall", 2, true, (db, a) -> listing(db.read(a.get(1), RedisHash.class), true, true));
        t.oneKey("hkeys", 2, true, (db, a) -> listing(db.read(a.get(1), RedisHash.class), true, false));
        t.oneKey("hvals", 2, true, (db, a) -> listing(db.read(a.get(1), RedisHash.class), false, true));
        t.oneKey("hdel", -3, false, HashCommands::hdel);
        t.oneKey("hexists", 3, true, (db, a) -> {
            RedisHash h = db.read(a.get(1), RedisHash.class);
            return new Result.Int(h != null && h.get(a.get(2)) != null ? 1 : 0);
        });
        t.oneKey("hlen", 2, true, (db, a) -> {
            RedisHash h = db.read(a.get(1), RedisHash.class);
            return new Result.Int(h == null ? 0 : h.size());
        });
        t.oneKey("hstrlen", 3, true, (db, a) -> {
            RedisHash h = db.read(a.get(1), RedisHash.class);
            Bytes v = h == null ? null : h.get(a.get(2));
            return new Result.Int(v == null ? 0 : v.length());
        });
        t.oneKey("hincrby", 4, false, HashCommands::hincrby);
        t.oneKey("hincrbyfloat", 4, false, HashCommands::hincrbyfloat);
        t.oneKey("hrandfield", -2, true, HashCommands::hrandfield);
        t.oneKey("hscan", -3, true, HashCommands::hscan);
    }

    /** HSET/HMSET key field value [field value ...]: HSET replies the number of new fields, HMSET +OK. */
    private static Result hset(Db db, Args a) throws RedisError {
        if (a.size() % 2 != 0) {
            throw wrongArity(a);
        }
        Bytes key = a.get(1);
        RedisHash h = db.write(key, RedisHash.class, RedisHash::new);
        int created = 0;
        for (int i = 2; i < a.size(); i += 2) {
            if (h.put(a.get(i), a.get(i + 1))) {
                created++;
            }
        }
        db.changed(key);
        return a.is(0, "hmset") ? Result.Ok.INSTANCE : new Result.Int(created);
    }

    /** HSETNX key field value: 1 if the field was set, 0 if it existed (nothing changes then). */
    private static Result hsetnx(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisHash h = db.read(key, RedisHash.class);
        if (h != null && h.get(a.get(2)) != null) {
            return new Result.Int(0);
        }
        db.write(key, RedisHash.class, RedisHash::new).put(a.get(2), a.get(3));
        db.changed(key);
        return new Result.Int(1);
    }

    /** HMGET key field [field ...]: one value or nil per field (all nil for a missing key). */
    private static Result hmget(Db db, Args a) throws RedisError {
        RedisHash h = db.read(a.get(1), RedisHash.class);
        List<Result> out = new ArrayList<>(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            out.add(bulk(h == null ? null : h.get(a.get(i))));
        }
        return new Result.Array(out);
    }

    /** HDEL key field [field ...]: the number of fields removed; an emptied hash is deleted. */
    private static Result hdel(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisHash h = db.read(key, RedisHash.class);
        if (h == null) {
            return new Result.Int(0);
        }
        int removed = 0;
        for (int i = 2; i < a.size(); i++) {
            if (h.remove(a.get(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            db.changed(key);
        }
        return new Result.Int(removed);
    }

    /** HINCRBY key field increment: the new value; the field must hold a 64-bit integer. */
    private static Result hincrby(Db db, Args a) throws RedisError {
        long incr = a.integer(3);
        Bytes key = a.get(1);
        RedisHash h = db.read(key, RedisHash.class);
        Bytes current = h == null ? null : h.get(a.get(2));
        long value = 0;
        if (current != null) {
            try {
                value = Args.parseLong(current);
            } catch (RedisError e) {
                throw new RedisError(HASH_NOT_INTEGER);
            }
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            throw new RedisError("ERR increment or decrement would overflow");
        }
        long result = value + incr;
        db.write(key, RedisHash.class, RedisHash::new).put(a.get(2), Numbers.bytes(result));
        db.changed(key);
        return new Result.Int(result);
    }

    /**
     * HINCRBYFLOAT key field increment: the new value as a bulk string in plain decimal notation
     * (Redis computes in long double; this store in double, the stored text is what replicas keep).
     */
    private static Result hincrbyfloat(Db db, Args a) throws RedisError {
        double incr = a.dbl(3);
        if (Double.isInfinite(incr)) {
            throw new RedisError("ERR value is NaN or Infinity");
        }
        Bytes key = a.get(1);
        RedisHash h = db.read(key, RedisHash.class);
        Bytes current = h == null ? null : h.get(a.get(2));
        double value = current == null ? 0 : Args.parseDouble(current, HASH_NOT_FLOAT);
        double result = value + incr;
        if (Double.isNaN(result) || Double.isInfinite(result)) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        Bytes stored = Bytes.utf8(Numbers.formatPlain(result));
        db.write(key, RedisHash.class, RedisHash::new).put(a.get(2), stored);
        db.changed(key);
        return bulk(stored);
    }

    /**
     * HRANDFIELD key [count [WITHVALUES]]: without count one field or nil; a positive count gives
     * up to count distinct fields (the whole hash when count >= its size), a negative one exactly
     * -count fields that may repeat; WITHVALUES interleaves the values.
     */
    private static Result hrandfield(Db db, Args a) throws RedisError {
        if (a.size() == 2) {
            RedisHash h = db.read(a.get(1), RedisHash.class);
            if (h == null) {
                return bulk(null);
            }
            return bulk(new ArrayList<>(h.entries().keySet()).get(db.random().nextInt(h.size())));
        }
        long count = SetCommands.randomCount(a.integer(2));
        boolean withValues = false;
        if (a.size() > 4 || (a.size() == 4 && !a.is(3, "withvalues"))) {
            throw new RedisError(RedisError.SYNTAX);
        } else if (a.size() == 4) {
            withValues = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new RedisError("ERR value is out of range");
            }
        }
        RedisHash h = db.read(a.get(1), RedisHash.class);
        if (h == null || count == 0) {
            return new Result.Array(List.of());
        }
        List<Map.Entry<Bytes, Bytes>> entries = new ArrayList<>(h.entries().entrySet());
        List<Map.Entry<Bytes, Bytes>> picked = new ArrayList<>();
        if (count < 0 || count == 1) {
            int n = SetCommands.replySize(Math.abs(count), withValues ? 2 : 1);
            Prng r = db.random();
            for (int i = 0; i < n; i++) {
                picked.add(entries.get(r.nextInt(entries.size())));
            }
        } else if (count >= entries.size()) {
            picked = entries;
        } else {
            for (int i : SetCommands.distinct(db.random(), entries.size(), (int) count)) {
                picked.add(entries.get(i));
            }
        }
        List<Result> out = new ArrayList<>(picked.size() * (withValues ? 2 : 1));
        for (Map.Entry<Bytes, Bytes> e : picked) {
            out.add(bulk(e.getKey()));
            if (withValues) {
                out.add(bulk(e.getValue()));
            }
        }
        return new Result.Array(out, withValues ? Result.Shape.PAIRS : Result.Shape.LIST);
    }

    /**
     * HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]: [next cursor, [field, value, ...]]
     * (NOVALUES, Redis 7.4: fields only). A missing key replies [0, []] before options are read.
     */
    private static Result hscan(Db db, Args a) throws RedisError {
        parseCursor(a.get(2));
        RedisHash h = db.read(a.get(1), RedisHash.class);
        if (h == null) {
            return scanReply(List.of());
        }
        ScanOptions o = ScanOptions.parse(a, 3, true);
        List<Result> out = new ArrayList<>();
        for (Map.Entry<Bytes, Bytes> e : h.entries().entrySet()) {
            if (o.matches(e.getKey())) {
                out.add(bulk(e.getKey()));
                if (!o.noValues()) {
                    out.add(bulk(e.getValue()));
                }
            }
        }
        return scanReply(out);
    }

    // ---- helpers shared with SetCommands ----


    /** The reply of a scan that is complete: cursor "0" and the elements. */
    static Result scanReply(List<Result> elements) {
        return new Result.Array(List.of(bulk(Bytes.utf8("0")), new Result.Array(elements)));
    }

    /** Redis's arity error for a command whose argument count is checked by the handler (HSET). */
    static RedisError wrongArity(Args a) {
        return new RedisError("ERR wrong number of arguments for '"
                + a.get(0).utf8().toLowerCase(java.util.Locale.ROOT) + "' command");
    }

    /**
     * A SCAN cursor: an unsigned 64-bit decimal (a leading {@code +} and leading zeros allowed,
     * as strtoull reads it), else "ERR invalid cursor".
     */
    static long parseCursor(Bytes cursor) throws RedisError {
        String s = new String(cursor.unsafeArray(), java.nio.charset.StandardCharsets.US_ASCII);
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new RedisError("ERR invalid cursor");
        }
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new RedisError("ERR invalid cursor");
        }
    }

    /** HSCAN/SSCAN options: MATCH pattern, COUNT n (>= 1, a hint: ignored), NOVALUES (HSCAN only). */
    record ScanOptions(byte[] pattern, boolean noValues) {
        static ScanOptions parse(Args a, int from, boolean hash) throws RedisError {
            byte[] pattern = null;
            boolean noValues = false;
            for (int i = from; i < a.size(); ) {
                int left = a.size() - i;
                if (a.is(i, "count") && left >= 2) {
                    if (a.integer(i + 1) < 1) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    i += 2;
                } else if (a.is(i, "match") && left >= 2) {
                    byte[] p = a.get(i + 1).unsafeArray();
                    pattern = p.length == 1 && p[0] == '*' ? null : p;
                    i += 2;
                } else if (a.is(i, "novalues")) {
                    if (!hash) {
                        throw new RedisError("ERR NOVALUES option can only be used in HSCAN");
                    }
                    noValues = true;
                    i++;
                } else {
                    throw new RedisError(RedisError.SYNTAX);
                }
            }
            return new ScanOptions(pattern, noValues);
        }

        boolean matches(Bytes element) {
            return pattern == null || Glob.matches(pattern, element.unsafeArray());
        }
    }

    private static Result listing(RedisHash h, boolean fields, boolean values) {
        List<Result> out = new ArrayList<>();
        if (h != null) {
            for (Map.Entry<Bytes, Bytes> e : h.entries().entrySet()) {
                if (fields) {
                    out.add(bulk(e.getKey()));
                }
                if (values) {
                    out.add(bulk(e.getValue()));
                }
            }
        }
        return new Result.Array(out, fields && values ? Result.Shape.MAP : Result.Shape.LIST);
    }
}
