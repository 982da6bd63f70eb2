package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis command the state machine runs: its arity (Redis's convention: n exactly, -n at least
 * n, the name included), whether it only reads, where its keys are (Redis's first/last/step key
 * spec; a negative last counts from the end), and whether it reads or writes every key (KEYS,
 * SCAN, FLUSHDB: ordered against every command, {@code kv.Conflicts}).
 */
public record CommandSpec(String name, int arity, boolean readOnly, int firstKey, int lastKey, int step,
        boolean everyKey, Handler handler) {

    /** True when {@code argc} arguments (the name included) fit the arity. */
    public boolean arityFits(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** The keys named in {@code argv}, each once, in order. */
    public List<Bytes> keys(List<Bytes> argv) {
        if (firstKey == 0) {
            return List.of();
        }
        int last = lastKey >= 0 ? lastKey : argv.size() + lastKey;
        java.util.LinkedHashSet<Bytes> keys = new java.util.LinkedHashSet<>();
        for (int i = firstKey; i <= last && i < argv.size(); i += step) {
            keys.add(argv.get(i));
        }
        return new ArrayList<>(keys);
    }
}
