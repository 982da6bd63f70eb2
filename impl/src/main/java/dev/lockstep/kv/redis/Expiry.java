package dev.lockstep.kv.redis;

/** Parsing of expiry options into absolute times (ms), from the command's stamped time. */
final class Expiry {
    private Expiry() {}

    /** An absolute expiry time, or PERSIST. */
    record Option(long at, boolean persist) {}

    /** The option at {@code args[i]} (EX/PX/EXAT/PXAT, value at {@code valueAt}). */
    static Option option(String name, Args a, int valueAt, Db db, String command) throws RedisError {
        long n = a.integer(valueAt);
        if (n <= 0) {
            throw new RedisError("ERR invalid expire time in '" + command + "' command");
        }
        return switch (name) {
            case "EX" -> new Option(absolute(db.now(), n, 1000, command), false);
            case "PX" -> new Option(absolute(db.now(), n, 1, command), false);
            case "EXAT" -> new Option(absolute(0, n, 1000, command), false);
            default -> new Option(n, false);
        };
    }

    /** GETEX's options from {@code args[from]} on; null when none. */
    static Option parse(Args a, int from, Db db, String command, boolean allowPersist)
            throws RedisError {
        Option result = null;
        for (int i = from; i < a.size(); i++) {
            String option = a.upper(i);
            if (result != null) {
                throw new RedisError(RedisError.SYNTAX);
            }
            if (option.equals("PERSIST") && allowPersist) {
                result = new Option(KeyEntry.NO_EXPIRY, true);
            } else if ((option.equals("EX") || option.equals("PX") || option.equals("EXAT") || option.equals("PXAT"))
                    && i + 1 < a.size()) {
                result = option(option, a, ++i, db, command);
            } else {
                throw new RedisError(RedisError.SYNTAX);
            }
        }
        return result;
    }

    /** {@code base + n * unit}, refused when it overflows (as Redis refuses it). */
    static long absolute(long base, long n, long unitMillis, String command) throws RedisError {
        try {
            long at = Math.addExact(base, Math.multiplyExact(n, unitMillis));
            if (at <= 0) {
                throw new ArithmeticException();
            }
            return at;
        } catch (ArithmeticException e) {
            throw new RedisError("ERR invalid expire time in '" + command + "' command");
        }
    }
}
