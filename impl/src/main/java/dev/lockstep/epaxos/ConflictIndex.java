package dev.lockstep.epaxos;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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

        void join(Row other) {
            other.joinInto(nums);
            maxSeq = Math.max(maxSeq, other.maxSeq);
        }

        void write(Wire.Writer w) {
            for (long num : nums) {
                w.uvar(num);
            }
            w.uvar(maxSeq);
        }

        void read(Wire.Reader in) throws CodecException {
            for (int p = 0; p < nums.length; p++) {
                nums[p] = in.uvar();
            }
            maxSeq = in.uvar();
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

    /** The highest instance number of the row at {@code ownerPos} among the held commands with {@code key}; 0: none. */
    long highest(String key, int ownerPos) {
        Row r = byKey.get(key);
        return r == null ? 0 : r.nums[ownerPos];
    }

    /** Adds everything {@code other} remembers (a restart: the forgotten instances' summary, then the held ones). */
    void addAll(ConflictIndex other) {
        all.join(other.all);
        universal.join(other.universal);
        other.byKey.forEach((key, row) -> byKey.computeIfAbsent(key, k -> new Row(members)).join(row));
    }

    /** The index in binary, keys in order (deterministic checkpoints). */
    void write(Wire.Writer w) {
        all.write(w);
        universal.write(w);
        w.uvar(byKey.size());
        for (Map.Entry<String, Row> e : new TreeMap<>(byKey).entrySet()) {
            w.bytes(dev.lockstep.base.Bytes.wrap(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            e.getValue().write(w);
        }
    }

    /** Replaces this index by the one {@link #write} wrote. */
    void read(Wire.Reader in) throws CodecException {
        clear();
        all.read(in);
        universal.read(in);
        int keys = in.count();
        for (int k = 0; k < keys; k++) {
            String key = new String(in.bytes().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
            Row row = new Row(members);
            row.read(in);
            byKey.put(key, row);
        }
    }

    void clear() {
        byKey.clear();
        java.util.Arrays.fill(all.nums, 0);
        all.maxSeq = 0;
        java.util.Arrays.fill(universal.nums, 0);
        universal.maxSeq = 0;
    }
}
