package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers the keys of one partition 0..n-1 so model states are small arrays. */
final class KeySlots {
    private final List<Bytes> keys;
    private final Map<Bytes, Integer> slotOf = new HashMap<>();

    KeySlots(List<Bytes> keys) {
        this.keys = List.copyOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            slotOf.put(keys.get(i), i);
        }
    }

    int slot(Bytes key) {
        Integer s = slotOf.get(key);
        if (s == null) {
            throw new IllegalArgumentException("key " + key + " is not in this partition " + keys);
        }
        return s;
    }

    int size() {
        return keys.size();
    }

    List<Bytes> keys() {
        return keys;
    }
}
