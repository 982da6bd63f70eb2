package dev.lockstep.kv.redis;

import static dev.lockstep.kv.redis.Replies.EMPTY_ARRAY;
import static dev.lockstep.kv.redis.Replies.NIL;
import static dev.lockstep.kv.redis.Replies.bulk;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import dev.lockstep.kv.redis.RedisZSet.Scored;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis sorted-set commands with Redis 7's semantics and RESP2 reply shapes (scores as bulk
 * strings, WITHSCORES as a flat member, score, ... array). The range commands are in
 * {@link ZRangeCommands}. A score of -0 is stored as 0 so the order and equality agree.
 */
final class ZSetCommands {
    static final String NAN = "ERR resulting score is not a number (NaN)";

    private ZSetCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("zadd", -4, false, (db, a) -> zadd(db, a, false));
        t.oneKey("zincrby", 4, false, (db, a) -> zadd(db, a, true));
        t.oneKey("zrem", -3, false, ZSetCommands::zrem);
        t.oneKey("zscore", 3, true, ZSetCommands::zscore);
        t.oneKey("zmscore", -3, true, ZSetCommands::zmscore);
        t.oneKey("zcard", 2, true, ZSetCommands::zcard);
        t.oneKey("zrank", -3, true, (db, a) -> zrank(db, a, false));
        t.oneKey("zrevrank", -3, true, (db, a) -> zrank(db, a, true));
        t.oneKey("zpopmin", -2, false, (db, a) -> zpop(db, a, false));
        t.oneKey("zpopmax", -2, false, (db, a) -> zpop(db, a, true));
        t.oneKey("zscan", -3, true, ZSetCommands::zscan);
        ZRangeCommands.register(t);
    }

    static Result score(double d) {
        return new Result.Score(d);
    }

    /** Members, or with {@code withScores} (member, score) pairs (RESP2 writes them flat). */
    static Result flat(List<Scored> items, boolean withScores) {
        List<Result> out = new ArrayList<>(items.size() * (withScores ? 2 : 1));
        for (Scored s : items) {
            out.add(bulk(s.member()));
            if (withScores) {
                out.add(score(s.score()));
            }
        }
        return new Result.Array(out, withScores ? Result.Shape.PAIRS : Result.Shape.LIST);
    }

    /** ZSCAN's flat list of members and scores, the scores as strings (as Redis replies to it). */
    static Result scanned(List<Scored> items) {
        List<Result> out = new ArrayList<>(items.size() * 2);
        for (Scored s : items) {
            out.add(bulk(s.member()));
            out.add(bulk(Numbers.bytes(s.score())));
        }
        return new Result.Array(out);
    }

    private static double noNegativeZero(double d) {
        return d == 0 ? 0.0 : d;
    }

    /** ZADD, and ZINCRBY (Redis runs it as ZADD with INCR, options parsing included). */
    private static Result zadd(Db db, Args a, boolean zincrby) throws RedisError {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = zincrby;
        int first = 2;
        for (; first < a.size(); first++) {
            if (a.is(first, "nx")) {
                nx = true;
            } else if (a.is(first, "xx")) {
                xx = true;
            } else if (a.is(first, "ch")) {
                ch = true;
            } else if (a.is(first, "incr")) {
                incr = true;
            } else if (a.is(first, "gt")) {
                gt = true;
            } else if (a.is(first, "lt")) {
                lt = true;
            } else {
                break;
            }
        }
        int elements = a.size() - first;
        if (elements % 2 != 0 || elements == 0) {
            throw new RedisError(RedisError.SYNTAX);
        }
        elements /= 2;
        if (nx && xx) {
            throw new RedisError("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new RedisError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 1) {
            throw new RedisError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = a.dbl(first + 2 * j);
        }
        Bytes key = a.get(1);
        RedisZSet z = db.read(key, RedisZSet.class);
        if (z == null && xx) {
            return incr ? NIL : new Result.Int(0);
        }
        if (incr && z != null && !nx) {
            Double cur = z.score(a.get(first + 1));
            if (cur != null && Double.isNaN(cur + scores[0])) {
                throw new RedisError(NAN); // inf + -inf: checked before anything changes
            }
        }
        if (z == null) {
            z = db.write(key, RedisZSet.class, RedisZSet::new);
        }
        long added = 0;
        long updated = 0;
        long processed = 0;
        double last = 0;
        for (int j = 0; j < elements; j++) {
            Bytes member = a.get(first + 2 * j + 1);
            double s = scores[j];
            Double cur = z.score(member);
            if (cur != null) {
                if (nx) {
                    continue;
                }
                if (incr) {
                    s += cur;
                }
                if ((lt && s >= cur) || (gt && s <= cur)) {
                    continue;
                }
                processed++;
                last = s;
                if (s != cur) {
                    z.put(member, noNegativeZero(s));
                    updated++;
                }
            } else if (!xx) {
                z.put(member, noNegativeZero(s));
                added++;
                processed++;
                last = s;
            }
        }
        if (added + updated > 0 || z.size() == 0) {
            db.changed(key);
        }
        if (incr) {
            return processed > 0 ? score(last) : NIL;
        }
        return new Result.Int(ch ? added + updated : added);
    }

    private static Result zrem(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisZSet z = db.read(key, RedisZSet.class);
        if (z == null) {
            return new Result.Int(0);
        }
        long removed = 0;
        for (int i = 2; i < a.size(); i++) {
            if (z.remove(a.get(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            db.changed(key);
        }
        return new Result.Int(removed);
    }

    private static Result zscore(Db db, Args a) throws RedisError {
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        Double s = z == null ? null : z.score(a.get(2));
        return s == null ? NIL : score(s);
    }

    private static Result zmscore(Db db, Args a) throws RedisError {
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        List<Result> out = new ArrayList<>();
        for (int i = 2; i < a.size(); i++) {
            Double s = z == null ? null : z.score(a.get(i));
            out.add(s == null ? NIL : score(s));
        }
        return new Result.Array(out);
    }

    private static Result zcard(Db db, Args a) throws RedisError {
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        return new Result.Int(z == null ? 0 : z.size());
    }

    /** ZRANK / ZREVRANK key member [WITHSCORE] (WITHSCORE is Redis 7.2's). */
    private static Result zrank(Db db, Args a, boolean reverse) throws RedisError {
        if (a.size() > 4) {
            throw ListCommands.arity(a);
        }
        boolean withScore = false;
        if (a.size() == 4) {
            if (!a.is(3, "withscore")) {
                throw new RedisError(RedisError.SYNTAX);
            }
            withScore = true;
        }
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        Double s = z == null ? null : z.score(a.get(2));
        if (s == null) {
            return NIL;
        }
        int rank = z.rank(a.get(2));
        long r = reverse ? z.size() - 1 - rank : rank;
        return withScore ? new Result.Array(List.of(new Result.Int(r), score(s))) : new Result.Int(r);
    }

    /** ZPOPMIN / ZPOPMAX key [count]: always a flat member, score array (RESP2). */
    private static Result zpop(Db db, Args a, boolean max) throws RedisError {
        if (a.size() > 3) {
            throw ListCommands.arity(a);
        }
        long count = 1;
        if (a.size() == 3) {
            count = ListCommands.positive(a, 2, ListCommands.NOT_POSITIVE);
            if (count == 0) {
                return EMPTY_ARRAY;
            }
        }
        Bytes key = a.get(1);
        RedisZSet z = db.read(key, RedisZSet.class);
        if (z == null) {
            return EMPTY_ARRAY;
        }
        List<Scored> popped = new ArrayList<>();
        while (popped.size() < count && z.size() > 0) {
            Scored s = max ? z.ordered().last() : z.ordered().first();
            z.remove(s.member());
            popped.add(s);
        }
        db.changed(key);
        return flat(popped, true);
    }

    /** ZSCAN: the whole set in one reply, next cursor 0 (as Redis does for a small set). */
    private static Result zscan(Db db, Args a) throws RedisError {
        checkCursor(a.get(2));
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        Result done = bulk(Bytes.utf8("0"));
        if (z == null) {
            return new Result.Array(List.of(done, EMPTY_ARRAY));
        }
        byte[] pattern = null;
        for (int i = 3; i < a.size(); i += 2) {
            boolean pair = i + 1 < a.size();
            if (a.is(i, "count") && pair) {
                if (a.integer(i + 1) < 1) {
                    throw new RedisError(RedisError.SYNTAX);
                }
            } else if (a.is(i, "match") && pair) {
                byte[] p = a.get(i + 1).unsafeArray();
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else {
                throw new RedisError(RedisError.SYNTAX);
            }
        }
        List<Scored> items = new ArrayList<>();
        for (Scored s : z.ordered()) {
            if (pattern == null || Glob.matches(pattern, s.member().unsafeArray())) {
                items.add(s);
            }
        }
        return new Result.Array(List.of(done, scanned(items)));
    }

    /** Redis's parseScanCursorOrReply: strtoul in base 10, no leading space, nothing after, fits 64 bits. */
    private static void checkCursor(Bytes cursor) throws RedisError {
        String s = cursor.utf8();
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        boolean ok = s.isEmpty() || (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')
                && new java.math.BigInteger(digits).bitLength() <= 64);
        if (!ok) {
            throw new RedisError("ERR invalid cursor");
        }
    }
}
