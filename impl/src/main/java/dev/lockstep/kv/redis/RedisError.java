package dev.lockstep.kv.redis;

/**
 * A command failed deterministically (wrong type, bad argument): it changed nothing and its
 * reply is {@link #getMessage()}, which starts with the Redis error code (ERR, WRONGTYPE).
 */
public final class RedisError extends Exception {
    private static final long serialVersionUID = 1L;

    public static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_A_FLOAT = "ERR value is not a valid float";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OUT_OF_RANGE = "ERR index out of range";

    public RedisError(String message) {
        super(message, null, false, false);
    }
}
