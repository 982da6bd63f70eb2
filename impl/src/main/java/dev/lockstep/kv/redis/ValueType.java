package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;

/** The Redis type of a stored value, as {@code TYPE} names it; one Java class per type. */
public enum ValueType {
    STRING("string"),
    HASH("hash"),
    LIST("list"),
    SET("set"),
    ZSET("zset");

    private final String redisName;

    ValueType(String redisName) {
        this.redisName = redisName;
    }

    /** The name {@code TYPE} and {@code SCAN .. TYPE} use. */
    public String redisName() {
        return redisName;
    }

    /** The type of a stored value object. */
    public static ValueType of(Object value) {
        return switch (value) {
            case Bytes b -> STRING;
            case RedisHash h -> HASH;
            case RedisList l -> LIST;
            case RedisSet s -> SET;
            case RedisZSet z -> ZSET;
            default -> throw new IllegalArgumentException("not a stored value: " + value.getClass());
        };
    }

    /** The type named {@code name} (case-insensitive), or null. */
    public static ValueType named(String name) {
        for (ValueType t : values()) {
            if (t.redisName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
