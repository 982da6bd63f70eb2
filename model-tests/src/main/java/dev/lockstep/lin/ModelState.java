package dev.lockstep.lin;

import java.util.Arrays;

/**
 * The values of one partition's keys, by slot ({@code null} = absent), and each key's absolute
 * expiry time in ms ({@link #NO_EXPIRY} = none; an absent key has none). Immutable; equal when
 * values and expiry times are. Each slot's hash is kept so a state derived from another rehashes
 * only the slots that changed (a list or a hash costs its size to hash).
 *
 * <p>A key whose expiry time has passed may still be held here (the model deletes it only when a
 * command meets it, as the store does); whether it is visible is decided by each command's stamp
 * ({@link KvModel}).
 */
final class ModelState {
    /** No expiry time. Never a stored time: the model stores only times later than a stamp, or SET's positive ones. */
    static final long NO_EXPIRY = Long.MIN_VALUE;

    private final ModelValue[] values;
    private final long[] expireAt;
    private final int[] slotHashes;
    private final int hash;

    private ModelState(ModelValue[] values, long[] expireAt, int[] slotHashes) {
        if (values.length != expireAt.length) {
            throw new IllegalArgumentException("one expiry time per key");
        }
        this.values = values;
        this.expireAt = expireAt;
        this.slotHashes = slotHashes;
        this.hash = Arrays.hashCode(slotHashes);
    }

    static ModelState empty(int keys) {
        ModelValue[] values = new ModelValue[keys];
        long[] expireAt = new long[keys];
        Arrays.fill(expireAt, NO_EXPIRY);
        return new ModelState(values, expireAt, hashes(values, expireAt, null, null, null));
    }

    /** The state with changed copies of {@link #copyValues()} and {@link #copyExpiry()}. */
    ModelState derive(ModelValue[] next, long[] nextExpireAt) {
        return new ModelState(next, nextExpireAt, hashes(next, nextExpireAt, values, expireAt, slotHashes));
    }

    private static int[] hashes(ModelValue[] values, long[] expireAt, ModelValue[] before, long[] beforeExpireAt,
            int[] beforeHashes) {
        int[] h = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (before != null && values[i] == before[i] && expireAt[i] == beforeExpireAt[i]) {
                h[i] = beforeHashes[i];
            } else {
                int v = values[i] == null ? 0 : values[i].hashCode();
                h[i] = expireAt[i] == NO_EXPIRY ? v : 31 * v + Long.hashCode(expireAt[i]);
            }
        }
        return h;
    }

    ModelValue[] copyValues() {
        return values.clone();
    }

    long[] copyExpiry() {
        return expireAt.clone();
    }

    /** The expiry time of the key at {@code slot}, or {@link #NO_EXPIRY}. */
    long expireAt(int slot) {
        return expireAt[slot];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelState s && hash == s.hash && Arrays.equals(slotHashes, s.slotHashes)
                && Arrays.equals(values, s.values) && Arrays.equals(expireAt, s.expireAt);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values[i]);
            if (expireAt[i] != NO_EXPIRY) {
                sb.append(" (expires ").append(expireAt[i]).append(')');
            }
        }
        return sb.append(']').toString();
    }
}
