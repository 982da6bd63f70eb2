package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.function.Consumer;

/**
 * The map from keys to {@link KeyEntry entries}: a chained hash table with a power-of-two bucket
 * array, so that {@link #scan} can walk it with Redis's reverse-binary cursor (dict.c,
 * {@code dictScan}): every key present for a whole scan is returned at least once, even when the
 * table grows or shrinks between calls. The bucket of a key depends only on its bytes (no random
 * seed), so a cursor from one replica works on another.
 */
public final class Keyspace {
    private static final int MIN_BUCKETS = 16;

    private KeyEntry[] table = new KeyEntry[MIN_BUCKETS];
    private int size;
    private int expiring;

    public int size() {
        return size;
    }

    /** How many keys have an expiry time (INFO keyspace's {@code expires}). */
    public int expiring() {
        return expiring;
    }

    /** Sets an entry's expiry time ({@link KeyEntry#NO_EXPIRY} clears it), keeping {@link #expiring()} true. */
    void setExpireAt(KeyEntry e, long at) {
        expiring += (at != KeyEntry.NO_EXPIRY ? 1 : 0) - (e.expireAt != KeyEntry.NO_EXPIRY ? 1 : 0);
        e.expireAt = at;
    }

    /** The entry of {@code key}, expired or not, or null. */
    public KeyEntry get(Bytes key) {
        int h = hash(key);
        for (KeyEntry e = table[h & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && e.key.equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** The entry of {@code key}; a new one holding {@code value} (version 0, no expiry) if absent. */
    public KeyEntry getOrAdd(Bytes key, Object value) {
        KeyEntry found = get(key);
        if (found != null) {
            return found;
        }
        if (size >= table.length - (table.length >> 2)) {
            resize(table.length * 2);
        }
        int h = hash(key);
        int b = h & (table.length - 1);
        KeyEntry e = new KeyEntry(key, h, value);
        e.next = table[b];
        table[b] = e;
        size++;
        return e;
    }

    /** Removes {@code key}; true if it was there. */
    public boolean remove(Bytes key) {
        int h = hash(key);
        int b = h & (table.length - 1);
        KeyEntry prev = null;
        for (KeyEntry e = table[b]; e != null; prev = e, e = e.next) {
            if (e.hash == h && e.key.equals(key)) {
                if (prev == null) {
                    table[b] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                if (e.expireAt != KeyEntry.NO_EXPIRY) {
                    expiring--;
                }
                if (table.length > MIN_BUCKETS && size < table.length >> 3) {
                    resize(table.length / 2);
                }
                return true;
            }
        }
        return false;
    }

    public void clear() {
        table = new KeyEntry[MIN_BUCKETS];
        size = 0;
        expiring = 0;
    }

    /** Visits every entry (in bucket order). The visitor must not add or remove keys. */
    public void forEach(Consumer<KeyEntry> visitor) {
        for (KeyEntry head : table) {
            for (KeyEntry e = head; e != null; e = e.next) {
                visitor.accept(e);
            }
        }
    }

    /**
     * Visits the buckets from {@code cursor} on until at least {@code count} entries were seen
     * or the walk is complete, and returns the cursor to continue from (0: done). Redis's
     * reverse-binary increment: the high bits of the cursor advance first, so buckets split by a
     * resize are visited together.
     */
    public long scan(long cursor, int count, Consumer<KeyEntry> visitor) {
        long v = cursor;
        int seen = 0;
        do {
            long mask = table.length - 1;
            for (KeyEntry e = table[(int) (v & mask)]; e != null; e = e.next) {
                visitor.accept(e);
                seen++;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
        } while (v != 0 && seen < count);
        return v;
    }

    /** A non-empty bucket chosen from {@code random}'s bits and an entry of it, or null when empty. */
    public KeyEntry pick(long random) {
        if (size == 0) {
            return null;
        }
        int mask = table.length - 1;
        int start = (int) (random & mask);
        for (int i = 0; i <= mask; i++) {
            KeyEntry head = table[(start + i) & mask];
            if (head != null) {
                int len = 0;
                for (KeyEntry e = head; e != null; e = e.next) {
                    len++;
                }
                int k = (int) Long.remainderUnsigned(random >>> 20, len);
                KeyEntry e = head;
                while (k-- > 0) {
                    e = e.next;
                }
                return e;
            }
        }
        return null;
    }

    private void resize(int buckets) {
        KeyEntry[] old = table;
        table = new KeyEntry[buckets];
        for (KeyEntry head : old) {
            KeyEntry e = head;
            while (e != null) {
                KeyEntry next = e.next;
                int b = e.hash & (buckets - 1);
                e.next = table[b];
                table[b] = e;
                e = next;
            }
        }
    }

    /** A stable hash of the key's bytes (the same on every replica and every run). */
    static int hash(Bytes key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
