package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;

/**
 * One key of the {@link Keyspace}: its value (a {@link Bytes} string or a collection), its
 * expiry time and its version, chained in its hash bucket. One object per key, so a key costs
 * one header for all of it (docs/data-model.md, "Memory").
 */
public final class KeyEntry {
    /** {@link #expireAt} of a key that does not expire. */
    public static final long NO_EXPIRY = 0;

    final Bytes key;
    final int hash;
    Object value;
    long expireAt;
    long version;
    KeyEntry next;

    KeyEntry(Bytes key, int hash, Object value) {
        this.key = key;
        this.hash = hash;
        this.value = value;
    }

    public Bytes key() {
        return key;
    }

    /** The value: a {@link Bytes} string, {@link RedisHash}, {@link RedisList}, {@link RedisSet} or {@link RedisZSet}. */
    public Object value() {
        return value;
    }

    public ValueType type() {
        return ValueType.of(value);
    }

    /** The time (ms since the epoch, on the clock of the replica that ordered the command) it expires at, or {@link #NO_EXPIRY}. */
    public long expireAt() {
        return expireAt;
    }

    /**
     * The key's version: changes with every write of the key, 0 for an absent key. A function of
     * the requests that wrote the key since it was created, so every replica that applied the same
     * writes of the key in the same order holds the same version (WATCH compares it).
     */
    public long version() {
        return version;
    }
}
