package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis keyspace commands (redis.io/commands, group "generic"). KEYS, SCAN, DBSIZE, RANDOMKEY and
 * FLUSHDB/FLUSHALL read or write every key, so a protocol with a partial order orders them
 * against every command. Lockstep has one database (SELECT 0 only, answered by the server).
 */
final class KeyCommands {
    private KeyCommands() {}

    static void register(RedisCommands.Table t) {
        t.add("del", -2, false, 1, -1, 1, KeyCommands::del);
        t.add("unlink", -2, false, 1, -1, 1, KeyCommands::del);
        t.add("exists", -2, true, 1, -1, 1, KeyCommands::exists);
        t.add("touch", -2, true, 1, -1, 1, KeyCommands::exists);
        t.oneKey("type", 2, true, (db, a) -> {
            KeyEntry e = db.entry(a.get(1));
            return new Result.Status(e == null ? "none" : e.type().redisName());
        });
        t.add("rename", 3, false, 1, 2, 1, (db, a) -> rename(db, a, false));
        t.add("renamenx", 3, false, 1, 2, 1, (db, a) -> rename(db, a, true));
        t.add("object", -2, true, 2, 2, 1, KeyCommands::object);
        t.everyKey("keys", 2, true, KeyCommands::keys);
        t.everyKey("scan", -2, true, KeyCommands::scan);
        t.everyKey("dbsize", 1, true, (db, a) -> new Result.Int(db.keyspace().size()));
        t.everyKey("randomkey", 1, true, KeyCommands::randomkey);
        t.everyKey("flushdb", -1, false, KeyCommands::flush);
        t.everyKey("flushall", -1, false, KeyCommands::flush);
    }

    private static Result del(Db db, Args a) {
        long n = 0;
        for (int i = 1; i < a.size(); i++) {
            n += db.delete(a.get(i)) ? 1 : 0;
        }
        return new Result.Int(n);
    }

    /** EXISTS counts a key named twice twice, as Redis does. */
    private static Result exists(Db db, Args a) {
        long n = 0;
        for (int i = 1; i < a.size(); i++) {
            n += db.entry(a.get(i)) != null ? 1 : 0;
        }
        return new Result.Int(n);
    }

    /** RENAME moves the value and its expiry time; RENAMENX does nothing if the target exists. */
    private static Result rename(Db db, Args a, boolean onlyIfAbsent) throws RedisError {
        KeyEntry from = db.entry(a.get(1));
        if (from == null) {
            throw new RedisError(RedisError.NO_SUCH_KEY);
        }
        if (a.get(1).equals(a.get(2))) {
            return onlyIfAbsent ? new Result.Int(0) : Result.Ok.INSTANCE;
        }
        if (onlyIfAbsent && db.entry(a.get(2)) != null) {
            return new Result.Int(0);
        }
        Object value = from.value();
        long expireAt = from.expireAt();
        db.delete(a.get(1));
        KeyEntry to = db.putValue(a.get(2), value);
        db.keyspace().setExpireAt(to, expireAt);
        return onlyIfAbsent ? new Result.Int(1) : Result.Ok.INSTANCE;
    }

    /** OBJECT ENCODING key (the encoding names Redis would give) and OBJECT HELP; nothing else. */
    private static Result object(Db db, Args a) throws RedisError {
        String sub = a.upper(1);
        if (!sub.equals("ENCODING") || a.size() != 3) {
            throw new RedisError("ERR unknown subcommand or wrong number of arguments for 'object|"
                    + a.get(1).utf8().toLowerCase(java.util.Locale.ROOT) + "'. Lockstep supports OBJECT ENCODING key");
        }
        KeyEntry e = db.entry(a.get(2));
        if (e == null) {
            return Replies.bulk(null);
        }
        String encoding = switch (e.type()) {
            case STRING -> isInteger((Bytes) e.value()) ? "int" : "raw";
            case HASH -> "hashtable";
            case LIST -> "quicklist";
            case SET -> "hashtable";
            case ZSET -> "skiplist";
        };
        return Replies.bulk(Bytes.utf8(encoding));
    }

    private static boolean isInteger(Bytes b) {
        try {
            Args.parseLong(b);
            return true;
        } catch (RedisError e) {
            return false;
        }
    }

    private static Result keys(Db db, Args a) {
        byte[] pattern = a.get(1).unsafeArray();
        List<Bytes> found = new ArrayList<>();
        db.keyspace().forEach(e -> {
            if (!db.expired(e) && Glob.matches(pattern, e.key().unsafeArray())) {
                found.add(e.key());
            }
        });
        found.sort(null);
        return Replies.bulks(found);
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: Redis's reply [next cursor, keys]. */
    private static Result scan(Db db, Args a) throws RedisError {
        long cursor = cursor(a.get(1));
        byte[] pattern = null;
        int count = 10;
        ValueType type = null;
        boolean typed = false;
        for (int i = 2; i < a.size(); i += 2) {
            if (i + 1 >= a.size()) {
                throw new RedisError(RedisError.SYNTAX);
            }
            switch (a.upper(i)) {
                case "MATCH" -> pattern = a.get(i + 1).unsafeArray();
                case "COUNT" -> {
                    long n = a.integer(i + 1);
                    if (n < 1) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    count = (int) Math.min(n, Integer.MAX_VALUE);
                }
                case "TYPE" -> {
                    typed = true;
                    type = ValueType.named(a.get(i + 1).utf8());
                }
                default -> throw new RedisError(RedisError.SYNTAX);
            }
        }
        List<Bytes> found = new ArrayList<>();
        byte[] match = pattern;
        boolean byType = typed;
        ValueType wanted = type;
        long next = db.keyspace().scan(cursor, count, e -> {
            if (!db.expired(e) && (match == null || Glob.matches(match, e.key().unsafeArray()))
                    && (!byType || e.type() == wanted)) {
                found.add(e.key());
            }
        });
        return new Result.Array(List.of(Replies.bulk(Bytes.utf8(Long.toUnsignedString(next))),
                Replies.bulks(found)));
    }

    /** A SCAN cursor: an unsigned 64-bit decimal. */
    static long cursor(Bytes text) throws RedisError {
        try {
            return Long.parseUnsignedLong(text.utf8());
        } catch (NumberFormatException e) {
            throw new RedisError("ERR invalid cursor");
        }
    }

    private static Result randomkey(Db db, Args a) {
        dev.lockstep.base.Prng random = db.random();
        for (int tries = 0; tries < 100; tries++) {
            KeyEntry e = db.keyspace().pick(random.nextLong());
            if (e == null) {
                return Replies.bulk(null);
            }
            if (!db.expired(e)) {
                return Replies.bulk(e.key());
            }
        }
        return Replies.bulk(null);
    }

    private static Result flush(Db db, Args a) throws RedisError {
        if (a.size() > 2 || (a.size() == 2 && !a.is(1, "ASYNC") && !a.is(1, "SYNC"))) {
            throw new RedisError(RedisError.SYNTAX);
        }
        db.flush();
        return Result.Ok.INSTANCE;
    }

}
