package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis string commands (redis.io/commands, group "string"). SET's expiry options use the
 * command's stamped time ({@link Db#now()}); a relative expiry is turned into an absolute time
 * when the command is applied, so every replica stores the same time.
 */
final class StringCommands {
    private StringCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("get", 2, true, (db, a) -> Replies.bulk(db.read(a.get(1), Bytes.class)));
        t.oneKey("set", -3, false, SetCommand::run);
        t.oneKey("setnx", 3, false, StringCommands::setnx);
        t.oneKey("setex", 4, false, (db, a) -> setWithTtl(db, a, 1000));
        t.oneKey("psetex", 4, false, (db, a) -> setWithTtl(db, a, 1));
        t.oneKey("getset", 3, false, StringCommands::getset);
        t.oneKey("getdel", 2, false, StringCommands::getdel);
        t.oneKey("getex", -2, false, StringCommands::getex);
        t.oneKey("append", 3, false, StringCommands::append);
        t.oneKey("strlen", 2, true, (db, a) -> {
            Bytes v = db.read(a.get(1), Bytes.class);
            return new Result.Int(v == null ? 0 : v.length());
        });
        t.oneKey("getrange", 4, true, StringCommands::getrange);
        t.oneKey("substr", 4, true, StringCommands::getrange);
        t.oneKey("setrange", 4, false, StringCommands::setrange);
        t.oneKey("incrbyfloat", 3, false, StringCommands::incrbyfloat);
        t.add("msetnx", -3, false, 1, -1, 2, StringCommands::msetnx);
        t.add("mset", -3, false, 1, -1, 2, StringCommands::mset);
        t.add("mget", -2, true, 1, -1, 1, (db, a) -> {
            List<Result> out = new ArrayList<>(a.size() - 1);
            for (int i = 1; i < a.size(); i++) {
                KeyEntry e = db.entry(a.get(i));
                out.add(Replies.bulk(e != null && e.value() instanceof Bytes b ? b : null));
            }
            return new Result.Array(out);
        });
        t.oneKey("incr", 2, false, (db, a) -> incrBy(db, a.get(1), 1));
        t.oneKey("decr", 2, false, (db, a) -> incrBy(db, a.get(1), -1));
        t.oneKey("incrby", 3, false, (db, a) -> incrBy(db, a.get(1), a.integer(2)));
        t.oneKey("decrby", 3, false, (db, a) -> {
            long by = a.integer(2);
            if (by == Long.MIN_VALUE) {
                throw new RedisError("ERR decrement would overflow");
            }
            return incrBy(db, a.get(1), -by);
        });
    }

    /** INCRBY: the key keeps its expiry. */
    private static Result incrBy(Db db, Bytes key, long delta) throws RedisError {
        Bytes current = db.read(key, Bytes.class);
        long value = current == null ? 0 : Args.parseLong(current);
        try {
            value = Math.addExact(value, delta);
        } catch (ArithmeticException e) {
            throw new RedisError("ERR increment or decrement would overflow");
        }
        db.putString(key, Numbers.bytes(value), true);
        return new Result.Int(value);
    }

    private static Result mset(Db db, Args a) throws RedisError {
        if (a.size() % 2 != 1) {
            throw new RedisError("ERR wrong number of arguments for 'mset' command");
        }
        for (int i = 1; i < a.size(); i += 2) {
            db.putString(a.get(i), a.get(i + 1), false);
        }
        return Result.Ok.INSTANCE;
    }


    private static Result setnx(Db db, Args a) {
        if (db.entry(a.get(1)) != null) {
            return new Result.Int(0);
        }
        db.putString(a.get(1), a.get(2), false);
        return new Result.Int(1);
    }

    /** SETEX/PSETEX key ttl value. */
    private static Result setWithTtl(Db db, Args a, long unitMillis) throws RedisError {
        long ttl = a.integer(2);
        String name = a.get(0).utf8().toLowerCase(java.util.Locale.ROOT);
        if (ttl <= 0) {
            throw new RedisError("ERR invalid expire time in '" + name + "' command");
        }
        long at = Expiry.absolute(db.now(), ttl, unitMillis, name);
        KeyEntry e = db.putString(a.get(1), a.get(3), false);
        db.keyspace().setExpireAt(e, at);
        return Result.Ok.INSTANCE;
    }

    private static Result getset(Db db, Args a) throws RedisError {
        Bytes old = db.read(a.get(1), Bytes.class);
        db.putString(a.get(1), a.get(2), false);
        return Replies.bulk(old);
    }

    private static Result getdel(Db db, Args a) throws RedisError {
        Bytes old = db.read(a.get(1), Bytes.class);
        if (old != null) {
            db.delete(a.get(1));
        }
        return Replies.bulk(old);
    }

    /** GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]. */
    private static Result getex(Db db, Args a) throws RedisError {
        Expiry.Option option = Expiry.parse(a, 2, db, "getex", true);
        Bytes v = db.read(a.get(1), Bytes.class);
        if (v == null || option == null) {
            return Replies.bulk(v);
        }
        KeyEntry e = db.entry(a.get(1));
        if (option.persist()) {
            if (e.expireAt() != KeyEntry.NO_EXPIRY) {
                db.setExpiry(e, KeyEntry.NO_EXPIRY);
            }
        } else {
            db.setExpiry(e, option.at());
        }
        return Replies.bulk(v);
    }

    private static Result append(Db db, Args a) throws RedisError {
        Bytes old = db.read(a.get(1), Bytes.class);
        Bytes add = a.get(2);
        if (old == null) {
            db.putString(a.get(1), add, false);
            return new Result.Int(add.length());
        }
        if ((long) old.length() + add.length() > MAX_STRING) {
            throw new RedisError(TOO_LARGE);
        }
        byte[] joined = Arrays.copyOf(old.unsafeArray(), old.length() + add.length());
        System.arraycopy(add.unsafeArray(), 0, joined, old.length(), add.length());
        db.putString(a.get(1), Bytes.wrap(joined), true);
        return new Result.Int(joined.length);
    }

    private static Result getrange(Db db, Args a) throws RedisError {
        long start = a.integer(2);
        long end = a.integer(3);
        Bytes v = db.read(a.get(1), Bytes.class);
        if (v == null || v.length() == 0) {
            return Replies.bulk(Bytes.EMPTY);
        }
        int len = v.length();
        if (start < 0 && end < 0 && start > end) {
            return Replies.bulk(Bytes.EMPTY);
        }
        start = start < 0 ? Math.max(0, len + start) : start;
        end = end < 0 ? Math.max(0, len + end) : Math.min(end, len - 1);
        if (start > end || start >= len) {
            return Replies.bulk(Bytes.EMPTY);
        }
        return Replies.bulk(Bytes.wrap(Arrays.copyOfRange(v.unsafeArray(), (int) start, (int) end + 1)));
    }

    /**
     * The largest string APPEND and SETRANGE may make: 64 MB (Redis allows 512 MB, its
     * proto-max-bulk-len). Every replica holds every string on its heap, and SETRANGE can ask for
     * one with a single small command.
     */
    static final long MAX_STRING = 64L * 1024 * 1024;
    static final String TOO_LARGE = "ERR string exceeds maximum allowed size (Lockstep's limit is 64 MB)";

    private static Result setrange(Db db, Args a) throws RedisError {
        long offset = a.integer(2);
        if (offset < 0) {
            throw new RedisError("ERR offset is out of range");
        }
        Bytes add = a.get(3);
        Bytes old = db.read(a.get(1), Bytes.class);
        byte[] current = old == null ? new byte[0] : old.unsafeArray();
        if (add.length() == 0) {
            return new Result.Int(current.length);
        }
        if (offset + add.length() > MAX_STRING) {
            throw new RedisError(TOO_LARGE);
        }
        byte[] next = Arrays.copyOf(current, (int) Math.max(current.length, offset + add.length()));
        System.arraycopy(add.unsafeArray(), 0, next, (int) offset, add.length());
        db.putString(a.get(1), Bytes.wrap(next), true);
        return new Result.Int(next.length);
    }

    private static Result incrbyfloat(Db db, Args a) throws RedisError {
        double by = a.dbl(2);
        Bytes old = db.read(a.get(1), Bytes.class);
        double current = old == null ? 0 : Args.parseDouble(old, RedisError.NOT_A_FLOAT);
        double next = current + by;
        if (Double.isNaN(next) || Double.isInfinite(next)) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        Bytes stored = Bytes.utf8(Numbers.formatPlain(next));
        db.putString(a.get(1), stored, true);
        return Replies.bulk(stored);
    }

    private static Result msetnx(Db db, Args a) throws RedisError {
        if (a.size() % 2 != 1) {
            throw new RedisError("ERR wrong number of arguments for 'msetnx' command");
        }
        List<Bytes> keys = new ArrayList<>();
        for (int i = 1; i < a.size(); i += 2) {
            if (db.entry(a.get(i)) != null) {
                return new Result.Int(0);
            }
            keys.add(a.get(i));
        }
        for (int i = 1; i < a.size(); i += 2) {
            db.putString(a.get(i), a.get(i + 1), false);
        }
        return new Result.Int(1);
    }
}
