package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;

/**
 * {@code SET key value [NX | XX | IFEQ old] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]}
 * (Redis 7.4/8 syntax): with GET it replies with the old value (nil if none) whether or not the
 * condition held, else OK or nil.
 */
final class SetCommand {
    private SetCommand() {}

    static Result run(Db db, Args a) throws RedisError {
        Bytes key = a.get(1);
        String condition = null;
        Bytes ifEqual = null;
        boolean get = false;
        Expiry.Option expiry = null;
        boolean keepTtl = false;
        String expiryKind = null;
        for (int i = 3; i < a.size(); i++) {
            String option = a.upper(i);
            switch (option) {
                case "NX", "XX" -> {
                    if (condition != null && !condition.equals(option)) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    condition = option;
                }
                case "IFEQ" -> {
                    if (condition != null || i + 1 >= a.size()) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    condition = option;
                    ifEqual = a.get(++i);
                }
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (expiry != null) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    keepTtl = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    // Redis accepts the same option again (the last value wins), not two kinds.
                    if ((expiryKind != null && !expiryKind.equals(option)) || keepTtl || i + 1 >= a.size()) {
                        throw new RedisError(RedisError.SYNTAX);
                    }
                    expiryKind = option;
                    expiry = Expiry.option(option, a, ++i, db, "set");
                }
                default -> throw new RedisError(RedisError.SYNTAX);
            }
        }
        KeyEntry e = db.entry(key);
        Bytes old = null;
        if (e != null && (get || "IFEQ".equals(condition))) {
            if (!(e.value() instanceof Bytes b)) {
                throw new RedisError(RedisError.WRONG_TYPE);
            }
            old = b;
        }
        boolean allowed = condition == null
                || (condition.equals("NX") && e == null)
                || (condition.equals("XX") && e != null)
                || (condition.equals("IFEQ") && old != null && old.equals(ifEqual));
        if (allowed) {
            KeyEntry written = db.putString(key, a.get(2), keepTtl);
            if (expiry != null) {
                db.keyspace().setExpireAt(written, expiry.at());
            }
        }
        if (get) {
            return Replies.bulk(old);
        }
        return allowed ? Result.Ok.INSTANCE : Result.NotApplied.INSTANCE;
    }
}
