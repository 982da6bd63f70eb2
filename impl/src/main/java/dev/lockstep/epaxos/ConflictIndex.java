package dev.lockstep.epaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 *
 * <p>Each row also keeps the same maxima over the instances this replica forgot ({@link
 * Forgetting}): a restart rebuilds {@code known} from them and the instances still held (as the
 * spec's {@code Restart} rebuilds it from every instance), and a validation reads them for the
 * forgotten conflicts ({@link ForgottenSummary}). One row per key holds both, so forgetting adds
 * two fields to a key, not a second index.
 */
final class ConflictIndex {
    private final int members;
    private final Map<String, Row> byKey = new HashMap<>();
    /** Every instance held. */
    private final Row all;
    /** Instances whose command conflicts with everything. */
    private final Row universal;

    /** Per owner the highest instance number, and the highest seq, of some set of instances; the same of those forgotten. */
    private static final class Row {
        final long[] nums;
        long maxSeq;
        /** Null until an instance of the row is forgotten. */
        long[] forgottenNums;
        long forgottenSeq;

        Row(int members) {
            nums = new long[members];
        }

        void add(int ownerPos, long num, long seq) {
            nums[ownerPos] = Math.max(nums[ownerPos], num);
            maxSeq = Math.max(maxSeq, seq);
        }

        void forget(int ownerPos, long num, long seq) {
            if (forgottenNums == null) {
                forgottenNums = new long[nums.length];
            }
            forgottenNums[ownerPos] = Math.max(forgottenNums[ownerPos], num);
            forgottenSeq = Math.max(forgottenSeq, seq);
        }

        long forgotten(int ownerPos) {
            return forgottenNums == null ? 0 : forgottenNums[ownerPos];
        }

        void joinInto(long[] into) {
            for (int p = 0; p < into.length; p++) {
                into[p] = Math.max(into[p], nums[p]);
            }
        }

        void writeForgotten(Wire.Writer w) {
            for (int p = 0; p < nums.length; p++) {
                w.uvar(forgotten(p));
            }
            w.uvar(forgottenSeq);
        }

        /** Reads the forgotten maxima; they are also what the row holds (a restart: nothing else is held yet). */
        void readForgotten(Wire.Reader in) throws CodecException {
            forgottenNums = new long[nums.length];
            for (int p = 0; p < nums.length; p++) {
                forgottenNums[p] = in.uvar();
                nums[p] = Math.max(nums[p], forgottenNums[p]);
            }
            forgottenSeq = in.uvar();
            maxSeq = Math.max(maxSeq, forgottenSeq);
        }

        void clear() {
            Arrays.fill(nums, 0);
            maxSeq = 0;
            forgottenNums = null;
            forgottenSeq = 0;
        }
    }

    ConflictIndex(int members) {
        this.members = members;
        this.all = new Row(members);
        this.universal = new Row(members);
    }

    /** The replica now holds {@code cmd} with {@code seq} for the instance at {@code (ownerPos, num)}. */
    void remember(int ownerPos, long num, Payload cmd, long seq) {
        forRowsOf(cmd, row -> row.add(ownerPos, num, seq));
    }

    /** The instance at {@code (ownerPos, num)}, committed with {@code cmd} and {@code seq}, is forgotten. */
    void forgotten(int ownerPos, long num, Payload cmd, long seq) {
        forRowsOf(cmd, row -> row.forget(ownerPos, num, seq));
    }

    /** The rows a command counts in: every instance's, and the universal one or its keys'. */
    private void forRowsOf(Payload cmd, java.util.function.Consumer<Row> update) {
        update.accept(all);
        if (cmd.conflictsWithAll()) {
            update.accept(universal);
            return;
        }
        for (String key : cmd.conflictKeys()) {
            update.accept(byKey.computeIfAbsent(key, k -> new Row(members)));
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

    /** The highest forgotten instance number of the row at {@code ownerPos} among the commands with {@code key}; 0: none. */
    long highestForgotten(String key, int ownerPos) {
        Row r = byKey.get(key);
        return r == null ? 0 : r.forgotten(ownerPos);
    }

    /**
     * What the forgotten instances contributed, in binary, in the map's order (deterministic: the
     * same history builds the same map; not sorted, which cost more than the rest at 600,000 keys).
     */
    void writeForgotten(Wire.Writer w) {
        all.writeForgotten(w);
        universal.writeForgotten(w);
        int count = 0;
        for (Row row : byKey.values()) {
            count += row.forgottenNums == null ? 0 : 1;
        }
        w.uvar(count);
        for (Map.Entry<String, Row> e : byKey.entrySet()) {
            if (e.getValue().forgottenNums != null) {
                w.bytes(Bytes.wrap(e.getKey().getBytes(StandardCharsets.UTF_8)));
                e.getValue().writeForgotten(w);
            }
        }
    }

    /** How many keys the index holds (sizes a checkpoint's buffer). */
    int keys() {
        return byKey.size();
    }

    /** Replaces this index by what {@link #writeForgotten} wrote: a restart, before the held instances are remembered. */
    void readForgotten(Wire.Reader in) throws CodecException {
        clear();
        all.readForgotten(in);
        universal.readForgotten(in);
        int keys = in.count();
        for (int k = 0; k < keys; k++) {
            String key = new String(in.bytes().toByteArray(), StandardCharsets.UTF_8);
            Row row = new Row(members);
            row.readForgotten(in);
            byKey.put(key, row);
        }
    }

    void clear() {
        byKey.clear();
        all.clear();
        universal.clear();
    }
}
