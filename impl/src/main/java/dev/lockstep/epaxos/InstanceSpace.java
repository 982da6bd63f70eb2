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
 * row's tail (recovery's validation and the invariants use it).
 */
final class InstanceSpace {
    private final Membership members;
    private final List<Map<Long, Instance>> rows = new ArrayList<>();
    private final long[] highest;
    private int size;

    InstanceSpace(Membership members) {
        this.members = members;
        for (int p = 0; p < members.size(); p++) {
            rows.add(new HashMap<>());
        }
        this.highest = new long[members.size()];
    }

    /** The instance, or null when this replica has not heard of it. */
    Instance find(InstanceId id) {
        int pos = members.posOf(id.owner());
        return pos < 0 ? null : rows.get(pos).get(id.num());
    }

    /** The instance, created empty (phase none, ballot 0) when first heard of. */
    Instance get(InstanceId id) {
        int pos = ownerPos(id);
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

    /** The instances of the row at {@code pos} numbered above {@code num}, in number order. */
    List<Instance> above(int pos, long num) {
        List<Instance> tail = new ArrayList<>();
        for (long k = num + 1; k <= highest[pos]; k++) {
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

    void clear() {
        rows.forEach(Map::clear);
        java.util.Arrays.fill(highest, 0);
        size = 0;
    }
}
