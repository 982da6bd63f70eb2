package dev.lockstep.multipaxos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's {@code log[i]}: one {@link PaxosEntry} per slot, 1-based, with holes
 * ({@link PaxosEntry#NONE}) where nothing was accepted, possibly compacted below a snapshot.
 * Slots {@code 1..snapshotSlot} live only in the snapshot (all chosen; only the ballot of the
 * last one is kept), slots {@code snapshotSlot+1..len} are held here. {@code len} is the spec's
 * {@code Len(log[i])}: the highest slot holding anything, so the last held entry is never a hole.
 *
 * <p>For checkers the log also keeps, for the committed prefix it is told about
 * ({@link #seal}), a running fingerprint of the <em>values</em> (not ballots), so two logs'
 * committed prefixes compare in O(1); a ghost record of the first write that changed a sealed
 * value; and a bounded list of slots written or sealed since the invariants last looked
 * ({@link #drainDirty}). Every operation is O(1) per slot it touches.
 */
final class PaxosLog {
    /** Dirty slots remembered before the list gives up and asks for a full scan. */
    private static final int DIRTY_CAPACITY = 1024;

    private long snapshotSlot;
    private long snapshotBal;
    private final ArrayList<PaxosEntry> entries = new ArrayList<>();

    /** Value fingerprints are known for slots snapshotSlot..sealed. */
    private long sealed;
    private long baseFingerprint;
    /** fingerprints[k] covers the values of slots snapshotSlot+1 .. snapshotSlot+1+k. */
    private long[] fingerprints = new long[64];
    /** Ghost: the first write that changed the value of a sealed (committed) slot, or null. */
    private String sealedOverwrite;

    private final long[] dirty = new long[DIRTY_CAPACITY];
    private int dirtyCount;
    private boolean dirtyOverflow;

    long snapshotSlot() {
        return snapshotSlot;
    }

    /** The ballot of slot {@code snapshotSlot} (0 without a snapshot). */
    long snapshotBal() {
        return snapshotBal;
    }

    /** The spec's {@code Len(log[i])}. */
    long len() {
        return snapshotSlot + entries.size();
    }

    /** The spec's {@code logLastBal}: the ballot of slot {@code len} (0 for an empty log). */
    long lastBal() {
        return entries.isEmpty() ? snapshotBal : entries.get(entries.size() - 1).bal();
    }

    /** True when {@code slot} is held here (not compacted, not beyond the end). */
    boolean holds(long slot) {
        return slot > snapshotSlot && slot <= len();
    }

    /** The entry at {@code slot}, which must be held. */
    PaxosEntry entry(long slot) {
        if (!holds(slot)) {
            throw new IndexOutOfBoundsException("slot " + slot + " not held (snapshot " + snapshotSlot
                    + ", len " + len() + ")");
        }
        return entries.get(offset(slot));
    }

    /** The entry at {@code slot}, or a hole beyond the end; {@code slot} must not be compacted. */
    PaxosEntry entryOrNone(long slot) {
        return slot > len() ? PaxosEntry.NONE : entry(slot);
    }

    /**
     * Writes {@code e} (never a hole) at {@code slot}, padding with holes after the end. A
     * compacted slot keeps its chosen value: below the snapshot the write is dropped, at the
     * snapshot's own slot only the ballot is kept (it is the spec's {@code logLastBal} of an empty suffix).
     */
    void write(long slot, PaxosEntry e) {
        if (e.isNone() || slot < 1) {
            throw new IllegalArgumentException("cannot write " + e + " at slot " + slot);
        }
        if (slot <= snapshotSlot) {
            if (slot == snapshotSlot) {
                snapshotBal = e.bal();
            }
            return;
        }
        while (len() < slot - 1) {
            entries.add(PaxosEntry.NONE);
        }
        if (slot == len() + 1) {
            entries.add(e);
        } else {
            PaxosEntry old = entries.set(offset(slot), e);
            if (slot <= sealed && sealedOverwrite == null && !old.sameValue(e)) {
                sealedOverwrite = "committed slot " + slot + " changed from " + old + " to " + e;
            }
        }
        markDirty(slot);
    }

    /** {@code count} held entries from {@code from} on, as an immutable list. */
    List<PaxosEntry> slice(long from, int count) {
        if (count == 0) {
            return List.of();
        }
        int start = offset(from);
        return List.copyOf(entries.subList(start, start + count));
    }

    /** Every held entry after the snapshot, holes included (for a checkpoint). */
    List<PaxosEntry> entriesAfterSnapshot() {
        return List.copyOf(entries);
    }

    /**
     * Slots {@code 1..upTo} are committed: extend the value fingerprints to {@code upTo}
     * ({@code upTo <= len}). Amortized O(1) per slot.
     */
    void seal(long upTo) {
        if (upTo > len()) {
            throw new IllegalArgumentException("cannot seal " + upTo + " beyond the end " + len());
        }
        while (sealed < upTo) {
            long slot = sealed + 1;
            int k = offset(slot);
            if (k == fingerprints.length) {
                fingerprints = Arrays.copyOf(fingerprints, k * 2);
            }
            fingerprints[k] = fingerprint(sealed) + entries.get(k).valueHash(slot);
            sealed = slot;
            markDirty(slot);
        }
    }

    long sealed() {
        return sealed;
    }

    /**
     * A fingerprint of the values of slots {@code lo+1..hi} ({@code snapshotSlot <= lo <= hi <=
     * sealed}): equal values give equal fingerprints on any two logs.
     */
    long sealedFingerprint(long lo, long hi) {
        return fingerprint(hi) - fingerprint(lo);
    }

    String sealedOverwrite() {
        return sealedOverwrite;
    }

    /** Drops slots up to {@code slot} (sealed, now covered by a snapshot). */
    void compactTo(long slot) {
        if (slot <= snapshotSlot || slot > sealed) {
            throw new IllegalArgumentException("cannot compact to " + slot + " (snapshot " + snapshotSlot
                    + ", sealed " + sealed + ")");
        }
        long bal = entry(slot).bal();
        long fp = fingerprint(slot);
        int drop = offset(slot) + 1;
        entries.subList(0, drop).clear();
        System.arraycopy(fingerprints, drop, fingerprints, 0, (int) (sealed - slot));
        snapshotSlot = slot;
        snapshotBal = bal;
        baseFingerprint = fp;
    }

    /**
     * An installed snapshot covers slots {@code 1..slot} (whose last was accepted in
     * {@code bal}); held entries above {@code slot} stay. Everything up to {@code slot} is sealed.
     */
    void installSnapshot(long slot, long bal) {
        if (slot <= snapshotSlot) {
            throw new IllegalArgumentException("snapshot at " + slot + " is not past " + snapshotSlot);
        }
        entries.subList(0, (int) Math.min(entries.size(), slot - snapshotSlot)).clear();
        snapshotSlot = slot;
        snapshotBal = bal;
        sealed = slot;
        baseFingerprint = 0;
        markAllDirty();
    }

    /** Empties the log (before replaying durable records). */
    void clear() {
        entries.clear();
        snapshotSlot = 0;
        snapshotBal = 0;
        sealed = 0;
        baseFingerprint = 0;
        sealedOverwrite = null;
        markAllDirty();
    }

    /**
     * Hands every slot written or sealed since the last call to {@code visitor} (all held slots
     * when more changed than the list keeps) and forgets them. Used by {@link PaxosInvariants}.
     */
    void drainDirty(java.util.function.LongConsumer visitor) {
        if (dirtyOverflow) {
            for (long s = snapshotSlot + 1; s <= len(); s++) {
                visitor.accept(s);
            }
        } else {
            for (int k = 0; k < dirtyCount; k++) {
                if (holds(dirty[k])) {
                    visitor.accept(dirty[k]);
                }
            }
        }
        dirtyCount = 0;
        dirtyOverflow = false;
    }

    void markAllDirty() {
        dirtyOverflow = true;
    }

    private void markDirty(long slot) {
        if (dirtyOverflow) {
            return;
        }
        if (dirtyCount == DIRTY_CAPACITY) {
            dirtyOverflow = true;
            return;
        }
        dirty[dirtyCount++] = slot;
    }

    private long fingerprint(long slot) {
        return slot == snapshotSlot ? baseFingerprint : fingerprints[offset(slot)];
    }

    private int offset(long slot) {
        return (int) (slot - snapshotSlot - 1);
    }
}
