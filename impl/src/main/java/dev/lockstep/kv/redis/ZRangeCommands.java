package dev.lockstep.kv.redis;

import static dev.lockstep.kv.redis.Replies.EMPTY_ARRAY;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import dev.lockstep.kv.redis.RedisZSet.Scored;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The sorted-set range commands: ZRANGE with Redis 6.2's full syntax and its older forms
 * (ZREVRANGE, ZRANGEBYSCORE, ...), ZCOUNT, ZLEXCOUNT and the ZREMRANGEBY* family.
 */
final class ZRangeCommands {
    /** How a range is given; AUTO: ZRANGE's, decided by BYSCORE/BYLEX. */
    enum By { AUTO, RANK, SCORE, LEX }

    private ZRangeCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("zrange", -4, true, (db, a) -> range(db, a, By.AUTO, null));
        t.oneKey("zrevrange", -4, true, (db, a) -> range(db, a, By.RANK, true));
        t.oneKey("zrangebyscore", -4, true, (db, a) -> range(db, a, By.SCORE, false));
        t.oneKey("zrevrangebyscore", -4, true, (db, a) -> range(db, a, By.SCORE, true));
        t.oneKey("zrangebylex", -4, true, (db, a) -> range(db, a, By.LEX, false));
        t.oneKey("zrevrangebylex", -4, true, (db, a) -> range(db, a, By.LEX, true));
        t.oneKey("zcount", 4, true, (db, a) -> count(db, ZRangeSpec.Score.parse(a.get(2), a.get(3)), a));
        t.oneKey("zlexcount", 4, true, (db, a) -> count(db, ZRangeSpec.Lex.parse(a.get(2), a.get(3)), a));
        t.oneKey("zremrangebyscore", 4, false, (db, a) -> remove(db, a, By.SCORE));
        t.oneKey("zremrangebyrank", 4, false, (db, a) -> remove(db, a, By.RANK));
        t.oneKey("zremrangebylex", 4, false, (db, a) -> remove(db, a, By.LEX));
    }

    /** Redis's zrangeGenericCommand; {@code reverse} null: ZRANGE, where REV decides. */
    private static Result range(Db db, Args a, By by, Boolean reverse) throws RedisError {
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean rev = reverse != null && reverse;
        for (int j = 4; j < a.size(); j++) {
            int left = a.size() - j - 1;
            if (a.is(j, "withscores")) {
                withScores = true;
            } else if (a.is(j, "limit") && left >= 2) {
                offset = a.integer(j + 1);
                limit = a.integer(j + 2);
                j += 2;
            } else if (reverse == null && a.is(j, "rev")) {
                rev = true;
            } else if (by == By.AUTO && a.is(j, "bylex")) {
                by = By.LEX;
            } else if (by == By.AUTO && a.is(j, "byscore")) {
                by = By.SCORE;
            } else {
                throw new RedisError(RedisError.SYNTAX);
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if (limit != -1 && by == By.RANK) {
            throw new RedisError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            throw new RedisError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        // A reversed BYSCORE/BYLEX range is given max first.
        Bytes min = rev && by != By.RANK ? a.get(3) : a.get(2);
        Bytes max = rev && by != By.RANK ? a.get(2) : a.get(3);
        long start = 0;
        long end = 0;
        ZRangeSpec spec = null;
        switch (by) {
            case SCORE -> spec = ZRangeSpec.Score.parse(min, max);
            case LEX -> spec = ZRangeSpec.Lex.parse(min, max);
            default -> {
                start = a.integer(2);
                end = a.integer(3);
            }
        }
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        if (z == null) {
            return EMPTY_ARRAY;
        }
        List<Scored> items = spec == null ? byRank(z, start, end, rev) : ZRangeSpec.select(z, spec, rev, offset, limit);
        return ZSetCommands.flat(items, withScores);
    }

    /** The members at ranks start..end (Redis's clamping), counted from the top when {@code reverse}. */
    static List<Scored> byRank(RedisZSet z, long start, long end, boolean reverse) {
        List<Scored> out = new ArrayList<>();
        long[] r = ListCommands.clamp(start, end, z.size());
        if (r == null) {
            return out;
        }
        Iterator<Scored> it = reverse ? z.ordered().descendingIterator() : z.ordered().iterator();
        for (long i = 0; i <= r[1]; i++) {
            Scored s = it.next();
            if (i >= r[0]) {
                out.add(s);
            }
        }
        return out;
    }

    private static Result count(Db db, ZRangeSpec spec, Args a) throws RedisError {
        RedisZSet z = db.read(a.get(1), RedisZSet.class);
        return new Result.Int(z == null ? 0 : ZRangeSpec.select(z, spec, false, 0, -1).size());
    }

    private static Result remove(Db db, Args a, By by) throws RedisError {
        long start = 0;
        long end = 0;
        ZRangeSpec spec = null;
        switch (by) {
            case SCORE -> spec = ZRangeSpec.Score.parse(a.get(2), a.get(3));
            case LEX -> spec = ZRangeSpec.Lex.parse(a.get(2), a.get(3));
            default -> {
                start = a.integer(2);
                end = a.integer(3);
            }
        }
        Bytes key = a.get(1);
        RedisZSet z = db.read(key, RedisZSet.class);
        if (z == null) {
            return new Result.Int(0);
        }
        List<Scored> doomed = spec == null ? byRank(z, start, end, false) : ZRangeSpec.select(z, spec, false, 0, -1);
        for (Scored s : doomed) {
            z.remove(s.member());
        }
        if (!doomed.isEmpty()) {
            db.changed(key);
        }
        return new Result.Int(doomed.size());
    }
}
