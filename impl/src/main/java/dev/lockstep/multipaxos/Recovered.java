package dev.lockstep.multipaxos;

import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's {@code recovered[i]} while Preparing: per slot above the prepare point, the entry
 * with the highest ballot among the proposer's own accepted values and those its promises
 * reported ("Paxos Made Simple" §2.2, phase 2a: propose the value of the highest-numbered
 * proposal among the responses). Phase 1 runs once per ballot, so this is rebuilt rarely.
 */
final class Recovered {
    private final TreeMap<Long, PaxosEntry> bySlot = new TreeMap<>();
    /**
     * RSPaxos: every entry reported per slot (the proposer's own included), since a value's
     * shards are counted over all ballots; null when only the highest is kept (MultiPaxos).
     */
    private TreeMap<Long, List<PaxosEntry>> everyReport;
    /** Slots above this one are covered (the proposer's commitIndex at Prepare). */
    private long above;

    /** Spec {@code Prepare}: start from the proposer's own accepted entries above {@code commit}. */
    void start(PaxosLog log, long commit) {
        clear();
        above = commit;
        for (long s = commit + 1; s <= log.len(); s++) {
            PaxosEntry e = log.entry(s);
            if (!e.isNone()) {
                bySlot.put(s, e);
                report(s, e);
            }
        }
    }

    /** Spec {@code HandlePrepareResponse}: keep, per slot, the entry with the higher ballot. */
    void merge(List<SlotEntry> reported) {
        for (SlotEntry r : reported) {
            if (r.slot() <= above) {
                continue;
            }
            report(r.slot(), r.entry());
            PaxosEntry mine = bySlot.get(r.slot());
            if (mine == null || r.entry().bal() > mine.bal()) {
                bySlot.put(r.slot(), r.entry());
            }
        }
    }

    /** Keep every reported entry, not only the highest of each slot (RSPaxos). */
    void keepEveryReport() {
        if (everyReport == null) {
            everyReport = new TreeMap<>();
        }
    }

    private void report(long slot, PaxosEntry e) {
        if (everyReport != null) {
            everyReport.computeIfAbsent(slot, s -> new ArrayList<>()).add(e);
        }
    }

    /** Every entry reported for {@code slot} (empty unless {@link #keepEveryReport}). */
    List<PaxosEntry> reportsAt(long slot) {
        return everyReport == null ? List.of() : everyReport.getOrDefault(slot, List.of());
    }

    /** The highest-ballot entry reported for {@code slot}, or a hole. */
    PaxosEntry highestAt(long slot) {
        PaxosEntry e = bySlot.get(slot);
        return e == null ? PaxosEntry.NONE : e;
    }

    /** The spec's {@code MaxSlot(recovered[i])}: 0 when nothing was recovered. */
    long maxSlot() {
        Map.Entry<Long, PaxosEntry> last = bySlot.lastEntry();
        return last == null ? 0 : last.getKey();
    }

    void clear() {
        bySlot.clear();
        if (everyReport != null) {
            everyReport.clear();
        }
        above = 0;
    }
}
