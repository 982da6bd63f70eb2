package dev.lockstep.kv.redis;

import dev.lockstep.kv.Result;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX/XX/GT/LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME and
 * PERSIST. Times are absolute ms on the clock of the replica that stamped the command; a time
 * already past deletes the key at once, as in Redis.
 */
final class ExpiryCommands {
    private ExpiryCommands() {}

    static void register(RedisCommands.Table t) {
        t.oneKey("expire", -3, false, (db, a) -> expire(db, a, db.now(), 1000));
        t.oneKey("pexpire", -3, false, (db, a) -> expire(db, a, db.now(), 1));
        t.oneKey("expireat", -3, false, (db, a) -> expire(db, a, 0, 1000));
        t.oneKey("pexpireat", -3, false, (db, a) -> expire(db, a, 0, 1));
        t.oneKey("ttl", 2, true, (db, a) -> ttl(db, a, true));
        t.oneKey("pttl", 2, true, (db, a) -> ttl(db, a, false));
        t.oneKey("expiretime", 2, true, (db, a) -> expireTime(db, a, 1000));
        t.oneKey("pexpiretime", 2, true, (db, a) -> expireTime(db, a, 1));
        t.oneKey("persist", 2, false, ExpiryCommands::persist);
    }

    private static Result expire(Db db, Args a, long base, long unit) throws RedisError {
        String name = a.get(0).utf8().toLowerCase(java.util.Locale.ROOT);
        long n = a.integer(2);
        String flag = null;
        for (int i = 3; i < a.size(); i++) {
            String f = a.upper(i);
            if (!(f.equals("NX") || f.equals("XX") || f.equals("GT") || f.equals("LT"))) {
                throw new RedisError("ERR Unsupported option " + a.get(i).utf8());
            }
            if (flag != null && !flag.equals(f)) {
                throw new RedisError(flag.equals("NX") || f.equals("NX")
                        ? "ERR NX and XX, GT or LT options at the same time are not compatible"
                        : "ERR GT and LT options at the same time are not compatible");
            }
            flag = f;
        }
        long at;
        try {
            at = Math.addExact(base, Math.multiplyExact(n, unit));
        } catch (ArithmeticException e) {
            throw new RedisError("ERR invalid expire time in '" + name + "' command");
        }
        KeyEntry e = db.entry(a.get(1));
        if (e == null) {
            return new Result.Int(0);
        }
        long current = e.expireAt();
        boolean persistent = current == KeyEntry.NO_EXPIRY;
        boolean allowed = flag == null
                || (flag.equals("NX") && persistent)
                || (flag.equals("XX") && !persistent)
                || (flag.equals("GT") && !persistent && at > current)
                || (flag.equals("LT") && (persistent || at < current));
        if (!allowed) {
            return new Result.Int(0);
        }
        if (at <= db.now()) {
            db.delete(a.get(1));
        } else {
            db.setExpiry(e, at);
        }
        return new Result.Int(1);
    }

    /** TTL rounds to the nearest second, as Redis does. */
    private static Result ttl(Db db, Args a, boolean seconds) throws RedisError {
        KeyEntry e = db.entry(a.get(1));
        if (e == null) {
            return new Result.Int(-2);
        }
        if (e.expireAt() == KeyEntry.NO_EXPIRY) {
            return new Result.Int(-1);
        }
        long left = Math.max(0, e.expireAt() - db.now());
        return new Result.Int(seconds ? (left + 500) / 1000 : left);
    }

    private static Result expireTime(Db db, Args a, long unit) {
        KeyEntry e = db.entry(a.get(1));
        if (e == null) {
            return new Result.Int(-2);
        }
        if (e.expireAt() == KeyEntry.NO_EXPIRY) {
            return new Result.Int(-1);
        }
        return new Result.Int(unit == 1 ? e.expireAt() : (e.expireAt() + 500) / 1000);
    }

    private static Result persist(Db db, Args a) {
        KeyEntry e = db.entry(a.get(1));
        if (e == null || e.expireAt() == KeyEntry.NO_EXPIRY) {
            return new Result.Int(0);
        }
        db.setExpiry(e, KeyEntry.NO_EXPIRY);
        return new Result.Int(1);
    }
}
