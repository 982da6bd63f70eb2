package dev.lockstep.lin;

/** An open-addressing set of 64-bit fingerprints (0 is stored out of band). */
final class FingerprintSet {
    private long[] table = new long[1024];
    private int size;
    private boolean hasZero;

    /** Adds {@code f}; returns false if it was already present. */
    boolean add(long f) {
        if (f == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = (int) (f ^ (f >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == f) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = f;
        size++;
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long f : old) {
            if (f != 0) {
                add(f);
            }
        }
    }
}
