package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Redis hash: fields to values, listed in field order so every replica lists them alike. A
 * small hash is {@link Packed} (fields and values in one array); it becomes a tree map once it
 * outgrows that and stays one.
 */
public final class RedisHash {
    private byte[] packed = Packed.EMPTY;
    private int packedSize;
    private TreeMap<Bytes, Bytes> fields;

    public Bytes get(Bytes field) {
        if (fields != null) {
            return fields.get(field);
        }
        return decode().get(field);
    }

    /** Sets a field; true if it is new. */
    public boolean put(Bytes field, Bytes value) {
        if (fields != null) {
            return fields.put(field, value) == null;
        }
        TreeMap<Bytes, Bytes> map = decode();
        boolean added = map.put(field, value) == null;
        if (map.size() * 2 > Packed.MAX_ITEMS || !Packed.fits(field) || !Packed.fits(value)) {
            fields = map;
            packed = null;
        } else {
            encode(map);
        }
        return added;
    }

    /** Removes a field; true if it was there. */
    public boolean remove(Bytes field) {
        if (fields != null) {
            return fields.remove(field) != null;
        }
        TreeMap<Bytes, Bytes> map = decode();
        if (map.remove(field) == null) {
            return false;
        }
        encode(map);
        return true;
    }

    public int size() {
        return fields != null ? fields.size() : packedSize;
    }

    /** The fields in order (read-only; a packed hash gives a copy). */
    public Map<Bytes, Bytes> entries() {
        return Collections.unmodifiableMap(fields != null ? fields : decode());
    }

    private TreeMap<Bytes, Bytes> decode() {
        TreeMap<Bytes, Bytes> map = new TreeMap<>();
        List<Bytes> items = Packed.unpack(packed);
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    private void encode(TreeMap<Bytes, Bytes> map) {
        List<Bytes> items = new ArrayList<>(map.size() * 2);
        map.forEach((f, v) -> {
            items.add(f);
            items.add(v);
        });
        packed = Packed.pack(items);
        packedSize = map.size();
    }
}
