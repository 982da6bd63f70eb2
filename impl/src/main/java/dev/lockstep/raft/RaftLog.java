package dev.lockstep.raft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's {@code log[i]}, possibly compacted below a snapshot (Raft §7). Indices are
 * 1-based as in the paper: entries {@code 1..snapshotIndex} live only in the snapshot, entries
 * {@code snapshotIndex+1..lastIndex} are held here. Every lookup is O(1) or O(log terms).
 *
 * <p>Besides the entries the log keeps the <em>term starts</em> (the first index of each term
 * present, covering the snapshot's own term), which gives the exact {@code conflictIndex} hint
 * of the contract and the leader's "last index of a term" without scanning, and a running
 * content fingerprint per entry that lets {@link RaftInvariants} compare two logs in O(1).
 */
final class RaftLog {
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private long snapshotIndex;
    private long snapshotTerm;
    /** Fingerprint of the log up to snapshotIndex (an arbitrary base: only differences matter). */
    private long baseFingerprint;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    /** fingerprints[k] covers entries up to index snapshotIndex + 1 + k. */
    private long[] fingerprints = new long[64];
    private boolean identityFingerprints;
    /** Term starts: startTerm[p] begins at startIndex[p]; startIndex[0] <= snapshotIndex when compacted. */
    private long[] startTerm = new long[8];
    private long[] startIndex = new long[8];
    private int starts;

    long snapshotIndex() {
        return snapshotIndex;
    }

    long snapshotTerm() {
        return snapshotTerm;
    }

    /** The first index of {@code snapshotTerm} (0 when there is no snapshot). */
    long snapshotTermStart() {
        return snapshotIndex == 0 ? 0 : startIndex[0];
    }

    /** The spec's {@code Len(log[i])}. */
    long lastIndex() {
        return snapshotIndex + entries.size();
    }

    long lastTerm() {
        return entries.isEmpty() ? snapshotTerm : entries.get(entries.size() - 1).term();
    }

    /** The term at {@code index}; 0 for index 0; -1 when unknown (beyond the end, or compacted away). */
    long termAt(long index) {
        if (index == 0) {
            return 0;
        }
        if (index > lastIndex() || index < 0) {
            return -1;
        }
        if (index > snapshotIndex) {
            return entries.get(offset(index)).term();
        }
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        return starts > 0 && index >= startIndex[0] ? startTerm[0] : -1;
    }

    /** The entry at {@code index}, which must be in {@code snapshotIndex+1..lastIndex}. */
    LogEntry entry(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            throw new IndexOutOfBoundsException("index " + index + " not held (snapshot "
                    + snapshotIndex + ", last " + lastIndex() + ")");
        }
        return entries.get(offset(index));
    }

    /** Up to {@code count} entries from {@code from} on, as an immutable list. */
    List<LogEntry> slice(long from, int count) {
        if (count == 0) {
            return List.of();
        }
        int start = offset(from);
        return List.copyOf(entries.subList(start, start + count));
    }

    /** Every held entry after {@code index} (for a checkpoint). */
    List<LogEntry> entriesAfter(long index) {
        return List.copyOf(entries.subList(offset(index + 1), entries.size()));
    }

    /** Appends at {@code lastIndex() + 1}; terms in a log never decrease. */
    void append(LogEntry e) {
        long term = e.term();
        if (term < lastTerm()) {
            throw new IllegalArgumentException("entry of term " + term + " after term " + lastTerm());
        }
        long index = lastIndex() + 1;
        if (starts == 0 || startTerm[starts - 1] != term) {
            addStart(term, index);
        }
        int k = entries.size();
        if (k == fingerprints.length) {
            fingerprints = Arrays.copyOf(fingerprints, k * 2);
        }
        fingerprints[k] = fingerprint(index - 1) + entryFingerprint(index, e);
        entries.add(e);
    }

    /** Removes every entry at index {@code >= from} ({@code from > snapshotIndex}). */
    void truncateFrom(long from) {
        if (from <= snapshotIndex) {
            throw new IllegalArgumentException("cannot truncate into the snapshot at " + snapshotIndex);
        }
        if (from > lastIndex()) {
            return;
        }
        entries.subList(offset(from), entries.size()).clear();
        while (starts > 0 && startIndex[starts - 1] >= from) {
            starts--;
        }
    }

    /** Drops the entries up to {@code index} (now covered by a snapshot). */
    void compactTo(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            throw new IllegalArgumentException("cannot compact to " + index);
        }
        long term = termAt(index);
        long fp = fingerprint(index);
        int drop = offset(index) + 1;
        entries.subList(0, drop).clear();
        System.arraycopy(fingerprints, drop, fingerprints, 0, entries.size());
        int keep = startCovering(index);
        System.arraycopy(startTerm, keep, startTerm, 0, starts - keep);
        System.arraycopy(startIndex, keep, startIndex, 0, starts - keep);
        starts -= keep;
        snapshotIndex = index;
        snapshotTerm = term;
        baseFingerprint = fp;
    }

    /** Replaces everything by a snapshot at {@code index} whose term begins at {@code termStart}. */
    void resetTo(long index, long term, long termStart) {
        entries.clear();
        starts = 0;
        snapshotIndex = index;
        snapshotTerm = term;
        baseFingerprint = 0;
        if (index > 0) {
            addStart(term, termStart);
        }
    }

    /** The first index of the term of the entry at {@code index} ({@code snapshotIndex <= index <= lastIndex}). */
    long firstIndexOfTermAt(long index) {
        int p = startCovering(index);
        return p < 0 ? 0 : startIndex[p];
    }

    /** The last index holding an entry of {@code term}, or 0 when the log has none. */
    long lastIndexOfTerm(long term) {
        int p = Arrays.binarySearch(startTerm, 0, starts, term);
        if (p < 0) {
            return 0;
        }
        return p + 1 < starts ? startIndex[p + 1] - 1 : lastIndex();
    }

    /**
     * The first index holding an entry of {@code term}, or -1 when the log has none (or only
     * compacted ones of an earlier term). A leader's no-op starts its term, so two logs that
     * disagree on where a term starts had two leaders in that term.
     */
    long startOfTerm(long term) {
        int p = Arrays.binarySearch(startTerm, 0, starts, term);
        return p < 0 ? -1 : startIndex[p];
    }

    /** The terms this log holds entries of (the snapshot's term included), ascending. */
    long[] terms() {
        return Arrays.copyOf(startTerm, starts);
    }

    /**
     * A fingerprint of entries {@code lo+1..hi} ({@code snapshotIndex <= lo <= hi <= lastIndex}):
     * equal content gives equal values on any two logs.
     */
    long rangeFingerprint(long lo, long hi) {
        return fingerprint(hi) - fingerprint(lo);
    }

    private long fingerprint(long index) {
        return index == snapshotIndex ? baseFingerprint : fingerprints[offset(index)];
    }

    /**
     * CRaft: fingerprints by {@link LogEntry#identityHash} (term and request id), the same for a
     * full copy and every shard of an entry, so that replicas holding different forms compare.
     */
    void useIdentityFingerprints() {
        identityFingerprints = true;
    }

    private long entryFingerprint(long index, LogEntry e) {
        long z = ((identityFingerprints ? e.identityHash() : e.hashCode()) * MIX) ^ (index * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The position of the term start covering {@code index}, or -1. */
    private int startCovering(long index) {
        int p = Arrays.binarySearch(startIndex, 0, starts, index);
        return p >= 0 ? p : -p - 2;
    }

    private void addStart(long term, long index) {
        if (starts == startTerm.length) {
            startTerm = Arrays.copyOf(startTerm, starts * 2);
            startIndex = Arrays.copyOf(startIndex, starts * 2);
        }
        startTerm[starts] = term;
        startIndex[starts] = index;
        starts++;
    }

    private int offset(long index) {
        return (int) (index - snapshotIndex - 1);
    }
}
