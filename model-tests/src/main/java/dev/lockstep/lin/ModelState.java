package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import java.util.Arrays;

/** The values of one partition's keys, by slot; {@code null} = absent. Immutable. */
final class ModelState {
    private final Bytes[] values;
    private final int hash;

    ModelState(Bytes[] values) {
        this.values = values;
        this.hash = Arrays.hashCode(values);
    }

    static ModelState empty(int keys) {
        return new ModelState(new Bytes[keys]);
    }

    Bytes[] copyValues() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelState s && hash == s.hash && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
