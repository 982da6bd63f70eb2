package dev.lockstep.kv.redis;

import static dev.lockstep.kv.redis.Replies.EMPTY_ARRAY;
import static dev.lockstep.kv.redis.Replies.NIL;
import static dev.lockstep.kv.redis.Replies.bulk;
import static dev.lockstep.kv.redis.Replies.bulks;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis list commands with Redis 7's semantics and RESP2 reply shapes. The blocking pops
 * (BLPOP, BLMOVE, ...) are left out: a replicated state machine cannot park a command.
 */
final class ListCommands {
    static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    private ListCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("lpush", -3, false, (db, a) -> push(db, a, true, false));
        t.oneKey("rpush", -3, false, (db, a) -> push(db, a, false, false));
        t.oneKey("lpushx", -3, false, (db, a) -> push(db, a, true, true));
        t.oneKey("rpushx", -3, false, (db, a) -> push(db, a, false, true));
        t.oneKey("lpop", -2, false, (db, a) -> pop(db, a, true));
        t.oneKey("rpop", -2, false, (db, a) -> pop(db, a, false));
        t.oneKey("lrange", 4, true, ListCommands::lrange);
        t.oneKey("llen", 2, true, ListCommands::llen);
        t.oneKey("lindex", 3, true, ListCommands::lindex);
        t.oneKey("lset", 4, false, ListCommands::lset);
        t.oneKey("lrem", 4, false, ListCommands::lrem);
        t.oneKey("ltrim", 4, false, ListCommands::ltrim);
        t.oneKey("linsert", 5, false, ListCommands::linsert);
        t.oneKey("lpos", -3, true, ListCommands::lpos);
        t.add("lmove", 5, false, 1, 2, 1, (db, a) -> move(db, a, side(a, 3), side(a, 4)));
        t.add("rpoplpush", 3, false, 1, 2, 1, (db, a) -> move(db, a, false, true));
    }

    // ---- replies and arguments shared with the sorted-set commands ----


    static RedisError arity(Args a) {
        return new RedisError("ERR wrong number of arguments for '" + a.get(0).utf8().toLowerCase(java.util.Locale.ROOT)
                + "' command");
    }

    /** A count that must be >= 0; Redis answers both a non-integer and a negative with {@code error}. */
    static long positive(Args a, int i, String error) throws RedisError {
        long v;
        try {
            v = a.integer(i);
        } catch (RedisError e) {
            throw new RedisError(error);
        }
        if (v < 0) {
            throw new RedisError(error);
        }
        return v;
    }

    /**
     * Redis's index range rule (LRANGE, LTRIM, ZRANGE, ZREMRANGEBYRANK): negative indexes count
     * from the end, then clamp; null when the range is empty, else {start, end} inclusive.
     */
    static long[] clamp(long start, long end, long len) {
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            return null;
        }
        return new long[] {start, Math.min(end, len - 1)};
    }

    // ---- commands ----

    private static Result push(Db db, Args a, boolean left, boolean onlyIfExists) throws RedisError {
        Bytes key = a.get(1);
        RedisList list = onlyIfExists ? db.read(key, RedisList.class) : db.write(key, RedisList.class, RedisList::new);
        if (list == null) {
            return new Result.Int(0);
        }
        for (int i = 2; i < a.size(); i++) {
            if (left) {
                list.addFirst(a.get(i));
            } else {
                list.addLast(a.get(i));
            }
        }
        db.changed(key);
        return new Result.Int(list.size());
    }

    private static Result pop(Db db, Args a, boolean left) throws RedisError {
        if (a.size() > 3) {
            throw arity(a);
        }
        boolean hasCount = a.size() == 3;
        long count = hasCount ? positive(a, 2, NOT_POSITIVE) : 1;
        Bytes key = a.get(1);
        RedisList list = db.read(key, RedisList.class);
        if (list == null) {
            return NIL;
        }
        if (!hasCount) {
            Bytes v = left ? list.removeFirst() : list.removeLast();
            db.changed(key);
            return bulk(v);
        }
        if (count == 0) {
            return EMPTY_ARRAY;
        }
        long n = Math.min(count, list.size());
        List<Bytes> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(left ? list.removeFirst() : list.removeLast());
        }
        db.changed(key);
        return bulks(out);
    }

    private static Result lrange(Db db, Args a) throws RedisError {
        long start = a.integer(2);
        long end = a.integer(3);
        RedisList list = db.read(a.get(1), RedisList.class);
        if (list == null) {
            return EMPTY_ARRAY;
        }
        long[] r = clamp(start, end, list.size());
        return r == null ? EMPTY_ARRAY : bulks(list.range((int) r[0], (int) r[1]));
    }

    private static Result llen(Db db, Args a) throws RedisError {
        RedisList list = db.read(a.get(1), RedisList.class);
        return new Result.Int(list == null ? 0 : list.size());
    }

    private static Result lindex(Db db, Args a) throws RedisError {
        RedisList list = db.read(a.get(1), RedisList.class);
        if (list == null) {
            return NIL;
        }
        long index = a.integer(2);
        if (index < 0) {
            index += list.size();
        }
        return index < 0 || index >= list.size() ? NIL : bulk(list.get((int) index));
    }

    private static Result lset(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        RedisList list = db.read(key, RedisList.class);
        if (list == null) {
            throw new RedisError(RedisError.NO_SUCH_KEY);
        }
        long index = a.integer(2);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw new RedisError(RedisError.OUT_OF_RANGE);
        }
        list.set((int) index, a.get(3));
        db.changed(key);
        return Result.Ok.INSTANCE;
    }

    private static Result lrem(Db db, Args a) throws RedisError {
        long count = a.integer(2);
        Bytes key = a.get(1);
        RedisList list = db.read(key, RedisList.class);
        if (list == null) {
            return new Result.Int(0);
        }
        Bytes element = a.get(3);
        long limit = count == 0 || count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        List<Bytes> items = list.toList();
        boolean[] drop = new boolean[items.size()];
        long removed = 0;
        for (int k = 0; k < items.size() && removed < limit; k++) {
            int i = count < 0 ? items.size() - 1 - k : k;
            if (items.get(i).equals(element)) {
                drop[i] = true;
                removed++;
            }
        }
        if (removed == 0) {
            return new Result.Int(0);
        }
        List<Bytes> kept = new ArrayList<>(items.size() - (int) removed);
        for (int i = 0; i < items.size(); i++) {
            if (!drop[i]) {
                kept.add(items.get(i));
            }
        }
        list.replaceAll(kept);
        db.changed(key);
        return new Result.Int(removed);
    }

    private static Result ltrim(Db db, Args a) throws RedisError {
        long start = a.integer(2);
        long end = a.integer(3);
        Bytes key = a.get(1);
        RedisList list = db.read(key, RedisList.class);
        if (list == null) {
            return Result.Ok.INSTANCE;
        }
        long len = list.size();
        long[] r = clamp(start, end, len);
        long dropHead = r == null ? len : r[0];
        long dropTail = r == null ? 0 : len - r[1] - 1;
        for (long i = 0; i < dropHead; i++) {
            list.removeFirst();
        }
        for (long i = 0; i < dropTail; i++) {
            list.removeLast();
        }
        db.changed(key); // Redis signals the key modified even when nothing was trimmed
        return Result.Ok.INSTANCE;
    }

    private static Result linsert(Db db, Args a) throws RedisError {
        boolean after;
        if (a.is(2, "after")) {
            after = true;
        } else if (a.is(2, "before")) {
            after = false;
        } else {
            throw new RedisError(RedisError.SYNTAX);
        }
        Bytes key = a.get(1);
        RedisList list = db.read(key, RedisList.class);
        if (list == null) {
            return new Result.Int(0);
        }
        List<Bytes> items = list.toList();
        int pivot = items.indexOf(a.get(3));
        if (pivot < 0) {
            return new Result.Int(-1);
        }
        List<Bytes> grown = new ArrayList<>(items);
        grown.add(after ? pivot + 1 : pivot, a.get(4));
        list.replaceAll(grown);
        db.changed(key);
        return new Result.Int(list.size());
    }

    private static Result lpos(Db db, Args a) throws RedisError {
        long rank = 1;
        long count = -1; // -1: no COUNT option
        long maxlen = 0;
        for (int j = 3; j < a.size(); j++) {
            boolean more = j < a.size() - 1;
            if (a.is(j, "rank") && more) {
                rank = a.integer(++j);
                if (rank == Long.MIN_VALUE) {
                    throw new RedisError("ERR value is out of range, must be between " + -Long.MAX_VALUE + " and "
                            + Long.MAX_VALUE);
                }
                if (rank == 0) {
                    throw new RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                            + "second ... or use negative to start from the end of the list");
                }
            } else if (a.is(j, "count") && more) {
                count = positive(a, ++j, "ERR COUNT can't be negative");
            } else if (a.is(j, "maxlen") && more) {
                maxlen = positive(a, ++j, "ERR MAXLEN can't be negative");
            } else {
                throw new RedisError(RedisError.SYNTAX);
            }
        }
        boolean fromTail = rank < 0;
        rank = Math.abs(rank);
        RedisList list = db.read(a.get(1), RedisList.class);
        if (list == null) {
            return count != -1 ? EMPTY_ARRAY : NIL;
        }
        Bytes element = a.get(2);
        int len = list.size();
        long matches = 0;
        List<Result> found = new ArrayList<>();
        for (int k = 0; k < len && (maxlen == 0 || k < maxlen); k++) {
            int i = fromTail ? len - 1 - k : k;
            if (!list.get(i).equals(element)) {
                continue;
            }
            matches++;
            if (matches >= rank) {
                found.add(new Result.Int(i));
                if (count == -1 || (count != 0 && matches - rank + 1 >= count)) {
                    break;
                }
            }
        }
        if (count != -1) {
            return new Result.Array(found);
        }
        return found.isEmpty() ? NIL : found.get(0);
    }

    private static boolean side(Args a, int i) throws RedisError {
        if (a.is(i, "left")) {
            return true;
        }
        if (a.is(i, "right")) {
            return false;
        }
        throw new RedisError(RedisError.SYNTAX);
    }

    /** LMOVE / RPOPLPUSH: source and destination may be the same key (a rotation). */
    private static Result move(Db db, Args a, boolean fromLeft, boolean toLeft) throws RedisError {
        Bytes src = a.get(1);
        Bytes dst = a.get(2);
        RedisList source = db.read(src, RedisList.class);
        if (source == null || source.size() == 0) {
            return NIL;
        }
        db.read(dst, RedisList.class); // WRONGTYPE before anything changes
        Bytes v = fromLeft ? source.removeFirst() : source.removeLast();
        RedisList target = db.write(dst, RedisList.class, RedisList::new);
        if (toLeft) {
            target.addFirst(v);
        } else {
            target.addLast(v);
        }
        db.changed(src);
        if (!dst.equals(src)) {
            db.changed(dst);
        }
        return bulk(v);
    }
}
