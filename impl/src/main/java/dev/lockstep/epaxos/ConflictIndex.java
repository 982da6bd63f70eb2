package dev.lockstep.epaxos;

import java.util.HashMap;
import java.util.Map;

/**
 * The conflicts a replica attributes to a command (contract, "Instances and commands": variable
 * {@code known}): every (instance, command, seq) it has held since it started, per conflict key
 * as the highest instance number per owner and the highest seq. A new command's dependencies are
 * the rows of its keys joined, plus the instances whose command conflicts with everything (a
 * no-op, a session expiry); a command that conflicts with everything takes every row. O(keys x
 * members) per command, however long the history (Moraru's implementation keeps the same per-key
 * maxima).
 */
final class ConflictIndex {
    private final int members;
    private final Map<String, Row> byKey = new HashMap<>();
    /** Every instance held. */
    private final Row all;
    /** Instances whose command conflicts with everything. */
    private final Row universal;

    /** Per owner the highest instance number, and the highest seq, of some set of instances. */
    private static final class Row {
        final long[] nums;
        long maxSeq;

        Row(int members) {
            nums = new long[members];
        }

        void add(int ownerPos, long num, long seq) {
            nums[ownerPos] = Math.max(nums[ownerPos], num);
            maxSeq = Math.max(maxSeq, seq);
        }

        void joinInto(long[] into) {
            for (int p = 0; p < into.length; p++) {
                into[p] = Math.max(into[p], nums[p]);
            }
        }
    }

    ConflictIndex(int members) {
        this.members = members;
        this.all = new Row(members);
        this.universal = new Row(members);
    }

    /** The replica now holds {@code cmd} with {@code seq} for the instance at {@code (ownerPos, num)}. */
    void remember(int ownerPos, long num, Payload cmd, long seq) {
        all.add(ownerPos, num, seq);
        if (cmd.conflictsWithAll()) {
            universal.add(ownerPos, num, seq);
            return;
        }
        for (String key : cmd.conflictKeys()) {
            byKey.computeIfAbsent(key, k -> new Row(members)).add(ownerPos, num, seq);
        }
    }

    /** Attributes of a command and its seq: the spec's {@code Conf} vector and max seq of its conflicts. */
    record Conflicts(Deps deps, long maxSeq) {}

    Conflicts of(Payload cmd) {
        long[] nums = new long[members];
        long maxSeq;
        if (cmd.conflictsWithAll()) {
            all.joinInto(nums);
            maxSeq = all.maxSeq;
        } else {
            universal.joinInto(nums);
            maxSeq = universal.maxSeq;
            for (String key : cmd.conflictKeys()) {
                Row r = byKey.get(key);
                if (r != null) {
                    r.joinInto(nums);
                    maxSeq = Math.max(maxSeq, r.maxSeq);
                }
            }
        }
        return new Conflicts(Deps.of(nums), maxSeq);
    }

    void clear() {
        byKey.clear();
        java.util.Arrays.fill(all.nums, 0);
        all.maxSeq = 0;
        java.util.Arrays.fill(universal.nums, 0);
        universal.maxSeq = 0;
    }
}
