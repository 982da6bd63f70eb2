package dev.lockstep.lin;

import java.util.Arrays;

/**
 * The values of one partition's keys, by slot; {@code null} = absent. Immutable. Each slot's
 * hash is kept so a state derived from another rehashes only the slots that changed (a list or a
 * hash costs its size to hash).
 */
final class ModelState {
    private final ModelValue[] values;
    private final int[] slotHashes;
    private final int hash;

    private ModelState(ModelValue[] values, int[] slotHashes) {
        this.values = values;
        this.slotHashes = slotHashes;
        this.hash = Arrays.hashCode(slotHashes);
    }

    ModelState(ModelValue[] values) {
        this(values, hashes(values, null, null));
    }

    static ModelState empty(int keys) {
        return new ModelState(new ModelValue[keys]);
    }

    /** The state with {@code values}, a changed copy of {@link #copyValues()} of this one. */
    ModelState derive(ModelValue[] next) {
        return new ModelState(next, hashes(next, values, slotHashes));
    }

    private static int[] hashes(ModelValue[] values, ModelValue[] before, int[] beforeHashes) {
        int[] h = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (before != null && values[i] == before[i]) {
                h[i] = beforeHashes[i];
            } else {
                h[i] = values[i] == null ? 0 : values[i].hashCode();
            }
        }
        return h;
    }

    ModelValue[] copyValues() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelState s && hash == s.hash && Arrays.equals(slotHashes, s.slotHashes)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
