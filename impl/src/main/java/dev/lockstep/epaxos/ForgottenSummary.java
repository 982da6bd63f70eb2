package dev.lockstep.epaxos;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a replica still knows of the instances it forgot ({@link Forgetting}), all it needs to act
 * as if it held them: every one is committed and executed everywhere and none of its dependencies
 * is held, so the spec reads only their commands and seqs. The conflict memory ({@link
 * ConflictIndex}, per key) keeps what they contributed to it; here are the highest non-Nop
 * instance per owner (overall and among those that conflict with every command) and the Nop
 * numbers, which answer, with the per-key maxima, a validation's conflicts and a waiting
 * recovery's questions. Kept in checkpoints, with the conflict memory's forgotten part.
 */
final class ForgottenSummary {
    private final ConflictIndex known;
    /** Per owner row: the highest forgotten instance that is not a Nop. */
    private final long[] nonNop;
    /** Per owner row: the highest forgotten instance, not a Nop, whose command conflicts with every command. */
    private final long[] universal;
    /** Per owner row: the forgotten Nops (recoveries' fillers, rare). */
    private final List<TreeSet<Long>> nops = new ArrayList<>();

    ForgottenSummary(int members, ConflictIndex known) {
        this.known = known;
        nonNop = new long[members];
        universal = new long[members];
        for (int p = 0; p < members; p++) {
            nops.add(new TreeSet<>());
        }
    }

    /** {@code x}, of the row at {@code pos}, is being forgotten; it is committed. */
    void add(int pos, Instance x) {
        long num = x.id.num();
        known.forgotten(pos, num, x.cmd, x.seq);
        if (x.cmd.isNop()) {
            nops.get(pos).add(num);
            return;
        }
        nonNop[pos] = Math.max(nonNop[pos], num);
        if (x.cmd.conflictsWithAll()) {
            universal[pos] = Math.max(universal[pos], num);
        }
    }

    /** The highest forgotten non-Nop instance of the row at {@code pos} whose command conflicts with {@code c}; 0: none. */
    long highestConflicting(int pos, Payload c) {
        if (c.conflictsWithAll()) {
            return nonNop[pos];
        }
        long best = universal[pos];
        for (String key : c.conflictKeys()) {
            best = Math.max(best, known.highestForgotten(key, pos));
        }
        return best;
    }

    /** Whether the forgotten instance {@code num} of the row at {@code pos} is a Nop. */
    boolean isNop(int pos, long num) {
        return nops.get(pos).contains(num);
    }

    void write(Wire.Writer w) {
        known.writeForgotten(w);
        for (int p = 0; p < nonNop.length; p++) {
            w.uvar(nonNop[p]);
            w.uvar(universal[p]);
            w.uvar(nops.get(p).size());
            nops.get(p).forEach(w::uvar);
        }
    }

    /** A restart: also replaces the conflict memory by the forgotten instances' part (the held ones are remembered next). */
    void read(Wire.Reader in) throws CodecException {
        known.readForgotten(in);
        for (int p = 0; p < nonNop.length; p++) {
            nonNop[p] = in.uvar();
            universal[p] = in.uvar();
            nops.get(p).clear();
            int count = in.count();
            for (int k = 0; k < count; k++) {
                nops.get(p).add(in.uvar());
            }
        }
    }

    void clear() {
        java.util.Arrays.fill(nonNop, 0);
        java.util.Arrays.fill(universal, 0);
        nops.forEach(TreeSet::clear);
    }
}
