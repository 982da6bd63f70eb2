package dev.lockstep.epaxos;

import dev.lockstep.common.Membership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instance a replica has heard of (EPaxos §4.1: one row per replica, the row of {@code R}
 * holding the instances {@code R} leads), by owner row and number. An instance is "heard of" when
 * this replica holds it or one it holds depends on it. Lookups are O(1); {@link #above} walks a
 * row's tail (recovery's validation and the invariants use it). Each row has a forgotten prefix
 * ({@link Forgetting}): instances every replica executed, dropped from memory; nothing may ask for
 * one again.
 */
final class InstanceSpace {
    private final Membership members;
    private final List<Map<Long, Instance>> rows = new ArrayList<>();
    private final long[] highest;
    /** Per row: every instance up to this number is forgotten. */
    private final long[] forgotten;
    private int size;

    InstanceSpace(Membership members) {
        this.members = members;
        for (int p = 0; p < members.size(); p++) {
            rows.add(new HashMap<>());
        }
        this.highest = new long[members.size()];
        this.forgotten = new long[members.size()];
    }

    /** The instance, or null when this replica has not heard of it. */
    Instance find(InstanceId id) {
        int pos = members.posOf(id.owner());
        return pos < 0 ? null : rows.get(pos).get(id.num());
    }

    /** The instance, created empty (phase none, ballot 0) when first heard of; never a forgotten one. */
    Instance get(InstanceId id) {
        int pos = ownerPos(id);
        if (id.num() <= forgotten[pos]) {
            throw new IllegalStateException("instance " + id + " is forgotten (row prefix " + forgotten[pos] + ")");
        }
        Instance x = rows.get(pos).get(id.num());
        if (x == null) {
            x = new Instance(id, members.size());
            rows.get(pos).put(id.num(), x);
            highest[pos] = Math.max(highest[pos], id.num());
            size++;
        }
        return x;
    }

    /** The instance numbered {@code num} in the row at {@code pos}, or null. */
    Instance at(int pos, long num) {
        return rows.get(pos).get(num);
    }

    /** The highest number heard of in the row at {@code pos}. */
    long highest(int pos) {
        return highest[pos];
    }

    /** The instances held in the row at {@code pos} numbered above {@code num}, in number order. */
    List<Instance> above(int pos, long num) {
        List<Instance> tail = new ArrayList<>();
        for (long k = Math.max(num, forgotten[pos]) + 1; k <= highest[pos]; k++) {
            Instance x = rows.get(pos).get(k);
            if (x != null) {
                tail.add(x);
            }
        }
        return tail;
    }

    /** Every instance, by owner then number (deterministic). */
    List<Instance> all() {
        List<Instance> every = new ArrayList<>(size);
        for (int p = 0; p < rows.size(); p++) {
            every.addAll(above(p, 0));
        }
        return every;
    }

    int ownerPos(InstanceId id) {
        int pos = members.posOf(id.owner());
        if (pos < 0) {
            throw new IllegalArgumentException("instance " + id + " of a non-member");
        }
        return pos;
    }

    int size() {
        return size;
    }

    /** Whether {@code id} is in its row's forgotten prefix. */
    boolean isForgotten(InstanceId id) {
        int pos = members.posOf(id.owner());
        return pos >= 0 && id.num() <= forgotten[pos];
    }

    /** The forgotten prefix of the row at {@code pos}. */
    long forgotten(int pos) {
        return forgotten[pos];
    }

    /** Drops the instances of the row at {@code pos} up to {@code num} (a longer forgotten prefix). */
    void forget(int pos, long num) {
        for (long k = forgotten[pos] + 1; k <= num; k++) {
            if (rows.get(pos).remove(k) != null) {
                size--;
            }
        }
        forgotten[pos] = Math.max(forgotten[pos], num);
        highest[pos] = Math.max(highest[pos], num);
    }

    /** A restart: the row at {@code pos} had forgotten every instance up to {@code num} (none of them is held). */
    void restoreForgotten(int pos, long num) {
        forgotten[pos] = num;
        highest[pos] = Math.max(highest[pos], num);
    }

    void clear() {
        rows.forEach(Map::clear);
        java.util.Arrays.fill(highest, 0);
        java.util.Arrays.fill(forgotten, 0);
        size = 0;
    }
}
