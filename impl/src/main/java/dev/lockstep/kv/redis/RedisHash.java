package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.Map;
import java.util.TreeMap;

/** A Redis hash: fields to values, kept in field order so every replica lists them alike. */
public final class RedisHash {
    private final TreeMap<Bytes, Bytes> fields = new TreeMap<>();

    public Bytes get(Bytes field) {
        return fields.get(field);
    }

    /** Sets a field; true if it is new. */
    public boolean put(Bytes field, Bytes value) {
        return fields.put(field, value) == null;
    }

    /** Removes a field; true if it was there. */
    public boolean remove(Bytes field) {
        return fields.remove(field) != null;
    }

    public int size() {
        return fields.size();
    }

    /** The fields in order (read-only view). */
    public Map<Bytes, Bytes> entries() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
