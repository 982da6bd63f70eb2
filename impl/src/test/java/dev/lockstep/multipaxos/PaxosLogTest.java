package dev.lockstep.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slots, holes, the compacted prefix, value fingerprints and the changed-slot list. */
class PaxosLogTest {

    static PaxosEntry cmd(long bal, long seq) {
        return PaxosEntry.cmd(bal, new RequestId(1, seq), new Command.Delete(Bytes.utf8("k" + seq)));
    }

    @Test
    void writingPastTheEndPadsWithHolesAndLenIsTheLastSlotHoldingAnything() {
        PaxosLog log = new PaxosLog();
        assertEquals(0, log.len());
        assertEquals(0, log.lastBal());
        log.write(3, cmd(257, 3));
        assertEquals(3, log.len());
        assertTrue(log.entry(1).isNone() && log.entry(2).isNone());
        assertEquals(257, log.lastBal());
        log.write(2, cmd(513, 2));
        assertEquals(257, log.lastBal(), "the last slot decides logLastBal");
        assertEquals(List.of(cmd(513, 2), cmd(257, 3)), log.slice(2, 2));
        assertEquals(PaxosEntry.NONE, log.entryOrNone(9));
        assertThrows(IllegalArgumentException.class, () -> log.write(4, PaxosEntry.NONE));
    }

    @Test
    void compactionKeepsOnlyTheLastCompactedBallotAndDropsWritesBelowIt() {
        PaxosLog log = new PaxosLog();
        for (int s = 1; s <= 5; s++) {
            log.write(s, cmd(257, s));
        }
        log.seal(4);
        log.compactTo(4);
        assertEquals(4, log.snapshotSlot());
        assertEquals(5, log.len());
        assertTrue(!log.holds(4) && log.holds(5));
        log.write(2, cmd(999, 2));
        log.write(4, cmd(770, 4));
        assertEquals(770, log.snapshotBal(), "a write at the snapshot's slot keeps its ballot");
        assertEquals(List.of(cmd(257, 5)), log.entriesAfterSnapshot());
        assertThrows(IllegalArgumentException.class, () -> log.compactTo(5), "slot 5 is not sealed");
    }

    @Test
    void anInstalledSnapshotKeepsTheSlotsAboveIt() {
        PaxosLog log = new PaxosLog();
        log.write(2, cmd(257, 2));
        log.write(6, cmd(257, 6));
        log.installSnapshot(4, 513);
        assertEquals(4, log.snapshotSlot());
        assertEquals(6, log.len());
        assertEquals(4, log.sealed());
        assertTrue(log.entry(5).isNone());
        log.installSnapshot(8, 770);
        assertEquals(8, log.len());
        assertEquals(770, log.lastBal());
    }

    @Test
    void fingerprintsCompareCommittedValuesNotBallots() {
        PaxosLog a = new PaxosLog();
        PaxosLog b = new PaxosLog();
        for (int s = 1; s <= 6; s++) {
            a.write(s, cmd(257, s));
            b.write(s, cmd(s % 2 == 0 ? 770 : 257, s));
        }
        a.seal(6);
        b.seal(6);
        assertEquals(a.sealedFingerprint(2, 6), b.sealedFingerprint(2, 6));
        a.compactTo(3);
        assertEquals(a.sealedFingerprint(3, 6), b.sealedFingerprint(3, 6), "ranges survive compaction");
        PaxosLog c = new PaxosLog();
        for (int s = 1; s <= 6; s++) {
            c.write(s, s == 5 ? cmd(257, 55) : cmd(257, s));
        }
        c.seal(6);
        assertNotEquals(b.sealedFingerprint(3, 6), c.sealedFingerprint(3, 6));
        assertEquals(b.sealedFingerprint(0, 4), c.sealedFingerprint(0, 4));
    }

    @Test
    void aChangedCommittedValueIsReportedAndSameValueRewritesAreNot() {
        PaxosLog log = new PaxosLog();
        log.write(1, cmd(257, 1));
        log.seal(1);
        log.write(1, cmd(770, 1));
        assertNull(log.sealedOverwrite(), "a later ballot of the same value");
        log.write(1, cmd(770, 2));
        assertTrue(log.sealedOverwrite().contains("committed slot 1"));
    }

    @Test
    void changedSlotsAreListedOnceAndOverflowMeansEverySlot() {
        PaxosLog log = new PaxosLog();
        List<Long> seen = new ArrayList<>();
        log.drainDirty(seen::add);
        seen.clear();
        log.write(2, cmd(257, 2));
        log.write(1, cmd(257, 1));
        log.drainDirty(seen::add);
        assertEquals(List.of(2L, 1L), seen);
        seen.clear();
        log.drainDirty(seen::add);
        assertEquals(List.of(), seen);
        for (int k = 0; k < 2000; k++) {
            log.write(1 + k % 3, cmd(257, 1 + k % 3));
        }
        log.drainDirty(seen::add);
        assertEquals(List.of(1L, 2L, 3L), seen, "after an overflow, every held slot once");
    }
}
