package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.Prng;
import java.util.function.Supplier;

/**
 * What one command sees of the {@link Keyspace}: keys whose expiry time has passed (at
 * {@link #now()}, the time stamped into the command by the replica that ordered it) are absent,
 * and a writing command removes them as it meets them (lazy expiry, replicated because the stamp
 * is in the log). Every change of a key goes through {@link #changed} so its version moves.
 * Not thread-safe; one per applied command.
 */
public final class Db {
    /** {@link #now()} of a command that carries no time: nothing expires for it. */
    public static final long NO_CLOCK = Long.MIN_VALUE;

    private final Keyspace keys;
    private final long now;
    private final boolean writing;
    private long seed;

    /**
     * @param now the command's stamped time in ms, or {@link #NO_CLOCK}
     * @param writing false for a read served outside the log (it must change nothing)
     * @param seed the request's identity, mixed into versions and random choices
     */
    public Db(Keyspace keys, long now, boolean writing, long seed) {
        this.keys = keys;
        this.now = now;
        this.writing = writing;
        this.seed = seed;
    }

    public Keyspace keyspace() {
        return keys;
    }

    /** The command's time (ms since the epoch). A relative expiry needs one. */
    public long now() throws RedisError {
        if (now == NO_CLOCK) {
            throw new RedisError("ERR this request carries no time (it was not stamped by a server)");
        }
        return now;
    }

    public boolean hasClock() {
        return now != NO_CLOCK;
    }

    /** True when the entry's expiry time has passed for this command. */
    public boolean expired(KeyEntry e) {
        return e.expireAt != KeyEntry.NO_EXPIRY && now != NO_CLOCK && e.expireAt <= now;
    }

    /** The live entry of {@code key}, or null (absent or expired; a writing command removes an expired one). */
    public KeyEntry entry(Bytes key) {
        KeyEntry e = keys.get(key);
        if (e == null || !expired(e)) {
            return e;
        }
        if (writing) {
            keys.remove(key);
        }
        return null;
    }

    /** The key's value if it is a {@code type}, null if absent; WRONGTYPE if it holds another type. */
    public <T> T read(Bytes key, Class<T> type) throws RedisError {
        KeyEntry e = entry(key);
        if (e == null) {
            return null;
        }
        if (!type.isInstance(e.value)) {
            throw new RedisError(RedisError.WRONG_TYPE);
        }
        return type.cast(e.value);
    }

    /**
     * The key's value for changing in place, created empty if absent; WRONGTYPE if it holds
     * another type. The caller calls {@link #changed} after changing it (which also removes
     * it again if it stayed empty).
     */
    public <T> T write(Bytes key, Class<T> type, Supplier<T> create) throws RedisError {
        requireWriting();
        T found = read(key, type);
        if (found != null) {
            return found;
        }
        T made = create.get();
        keys.getOrAdd(key, made);
        return made;
    }

    /** Records a change of {@code key}: a new version, and an empty collection is removed. */
    public void changed(Bytes key) {
        requireWriting();
        KeyEntry e = keys.get(key);
        if (e == null) {
            return;
        }
        if (isEmptyCollection(e.value)) {
            keys.remove(key);
            return;
        }
        e.version = nextVersion(e.version);
    }

    /** SET: stores a string, replacing any value; the expiry is kept only when {@code keepTtl}. */
    public KeyEntry putString(Bytes key, Bytes value, boolean keepTtl) {
        requireWriting();
        KeyEntry live = entry(key);
        KeyEntry e = live != null ? live : keys.getOrAdd(key, value);
        e.value = value;
        if (!keepTtl) {
            keys.setExpireAt(e, KeyEntry.NO_EXPIRY);
        }
        e.version = nextVersion(e.version);
        return e;
    }

    /** Stores any value under {@code key}, replacing what was there (RENAME); no expiry. */
    public KeyEntry putValue(Bytes key, Object value) {
        requireWriting();
        KeyEntry e = keys.getOrAdd(key, value);
        e.value = value;
        keys.setExpireAt(e, KeyEntry.NO_EXPIRY);
        e.version = nextVersion(e.version);
        return e;
    }

    /** Removes a live key; true if it existed (an expired key did not). */
    public boolean delete(Bytes key) {
        requireWriting();
        return entry(key) != null && keys.remove(key);
    }

    /** FLUSHDB: removes every key. */
    public void flush() {
        requireWriting();
        keys.clear();
    }

    /** Sets or clears ({@link KeyEntry#NO_EXPIRY}) the expiry of a live entry. */
    public void setExpiry(KeyEntry e, long at) {
        requireWriting();
        keys.setExpireAt(e, at);
        e.version = nextVersion(e.version);
    }

    /** The version of {@code key} for WATCH: 0 when absent or expired. */
    public long version(Bytes key) {
        KeyEntry e = entry(key);
        return e == null ? 0 : e.version;
    }

    /** A generator for the command's random choices (SPOP, SRANDMEMBER, RANDOMKEY): the same on every replica. */
    public Prng random() {
        return new Prng(mix(seed ^ 0x5DEECE66DL));
    }

    private long nextVersion(long version) {
        seed = mix(seed + 0x9E3779B97F4A7C15L);
        long v = mix(version ^ seed);
        return v == 0 ? 1 : v;
    }

    private void requireWriting() {
        if (!writing) {
            throw new IllegalStateException("a read served outside the log tried to change the store");
        }
    }

    static boolean isEmptyCollection(Object value) {
        return switch (value) {
            case RedisHash h -> h.size() == 0;
            case RedisList l -> l.size() == 0;
            case RedisSet s -> s.size() == 0;
            case RedisZSet z -> z.size() == 0;
            default -> false;
        };
    }

    /** SplitMix64's finalizer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
