package dev.lockstep.multipaxos;

import dev.lockstep.common.Membership;
import java.util.Arrays;

/**
 * The spec's {@code acks[i]} of a leader: per slot of its ballot, a bit per member that
 * accepted it. Held for slots {@code base..}; the prefix the leader compacted is dropped. Each
 * operation is O(1) amortized.
 */
final class AckTable {
    private long base = 1;
    private long[] bits = new long[64];
    private int start;
    private int size;

    /** A new ballot's table: nothing acknowledged, slots from {@code firstSlot} on. */
    void reset(long firstSlot) {
        base = firstSlot;
        start = 0;
        size = 0;
    }

    /** Records that member {@code pos} accepted {@code slot} (ignored below the table). */
    void add(long slot, int pos) {
        if (slot < base) {
            return;
        }
        long k = slot - base;
        if (k >= Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("slot " + slot + " far beyond the table at " + base);
        }
        while (size <= k) {
            grow();
            bits[start + size++] = 0;
        }
        bits[start + (int) k] |= Membership.bit(pos);
    }

    /** The members that accepted {@code slot} (0 when unknown). */
    long get(long slot) {
        long k = slot - base;
        return k < 0 || k >= size ? 0 : bits[start + (int) k];
    }

    /** Forgets the slots below {@code slot}. */
    void dropBelow(long slot) {
        long drop = slot - base;
        if (drop <= 0) {
            return;
        }
        if (drop >= size) {
            base = slot;
            start = 0;
            size = 0;
            return;
        }
        start += (int) drop;
        size -= (int) drop;
        base = slot;
    }

    private void grow() {
        if (start + size < bits.length) {
            return;
        }
        if (start > bits.length / 2) {
            System.arraycopy(bits, start, bits, 0, size);
            start = 0;
        } else {
            bits = Arrays.copyOf(bits, bits.length * 2);
        }
    }
}
