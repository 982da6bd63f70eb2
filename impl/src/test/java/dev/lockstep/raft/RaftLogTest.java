package dev.lockstep.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Indexing with a compacted prefix, term starts, and content fingerprints. */
class RaftLogTest {

    static LogEntry cmd(long term, long seq) {
        return new LogEntry(term, new RequestId(1, seq), new Command.Delete(Bytes.utf8("k" + seq)));
    }

    /** Terms by index: 1:1 2:1 3:2 4:2 5:2 6:4 7:4. */
    static RaftLog sample() {
        RaftLog log = new RaftLog();
        long[] terms = {1, 1, 2, 2, 2, 4, 4};
        for (int k = 0; k < terms.length; k++) {
            log.append(cmd(terms[k], k + 1));
        }
        return log;
    }

    @Test
    void indexesTermsAndSlices() {
        RaftLog log = sample();
        assertEquals(7, log.lastIndex());
        assertEquals(4, log.lastTerm());
        assertEquals(0, log.termAt(0));
        assertEquals(2, log.termAt(5));
        assertEquals(-1, log.termAt(8));
        assertEquals(List.of(cmd(2, 4), cmd(2, 5)), log.slice(4, 2));
        assertEquals(List.of(), log.slice(8, 0));
        assertEquals(List.of(cmd(4, 6), cmd(4, 7)), log.entriesAfter(5));
    }

    @Test
    void termStartsGiveExactHintsWithoutScanning() {
        RaftLog log = sample();
        assertEquals(3, log.firstIndexOfTermAt(5));
        assertEquals(1, log.firstIndexOfTermAt(2));
        assertEquals(6, log.firstIndexOfTermAt(7));
        assertEquals(2, log.lastIndexOfTerm(1));
        assertEquals(5, log.lastIndexOfTerm(2));
        assertEquals(0, log.lastIndexOfTerm(3));
        assertEquals(7, log.lastIndexOfTerm(4));
    }

    @Test
    void truncationDropsTheSuffixAndItsTermStarts() {
        RaftLog log = sample();
        log.truncateFrom(4);
        assertEquals(3, log.lastIndex());
        assertEquals(2, log.lastTerm());
        assertEquals(0, log.lastIndexOfTerm(4));
        log.append(cmd(5, 9));
        assertEquals(4, log.firstIndexOfTermAt(4));
        assertEquals(3, log.lastIndexOfTerm(2));
    }

    @Test
    void compactionKeepsTheTermOfTheSnapshotAndItsStart() {
        RaftLog log = sample();
        long fp = log.rangeFingerprint(4, 7);
        log.compactTo(4);
        assertEquals(4, log.snapshotIndex());
        assertEquals(2, log.snapshotTerm());
        assertEquals(3, log.snapshotTermStart());
        assertEquals(2, log.termAt(3), "still known: same term as the snapshot's");
        assertEquals(-1, log.termAt(2), "compacted away");
        assertEquals(3, log.firstIndexOfTermAt(5));
        assertEquals(5, log.lastIndexOfTerm(2));
        assertEquals(fp, log.rangeFingerprint(4, 7), "fingerprints survive compaction");
        assertEquals(cmd(2, 5), log.entry(5));
        assertThrows(IndexOutOfBoundsException.class, () -> log.entry(4));
        assertThrows(IllegalArgumentException.class, () -> log.truncateFrom(4));
    }

    @Test
    void resetMakesTheLogASnapshotPrefix() {
        RaftLog log = sample();
        log.resetTo(30, 6, 25);
        assertEquals(30, log.lastIndex());
        assertEquals(6, log.lastTerm());
        assertEquals(25, log.firstIndexOfTermAt(30));
        assertEquals(6, log.termAt(27));
        log.append(cmd(6, 31));
        assertEquals(25, log.firstIndexOfTermAt(31));
        assertEquals(31, log.lastIndexOfTerm(6));
    }

    @Test
    void fingerprintsDistinguishContentAndPosition() {
        RaftLog a = sample();
        RaftLog b = sample();
        assertEquals(a.rangeFingerprint(0, 7), b.rangeFingerprint(0, 7));
        b.truncateFrom(7);
        b.append(new LogEntry(4, new RequestId(1, 7), new Command.Delete(Bytes.utf8("other"))));
        assertNotEquals(a.rangeFingerprint(0, 7), b.rangeFingerprint(0, 7));
        assertEquals(a.rangeFingerprint(0, 6), b.rangeFingerprint(0, 6));
    }

    @Test
    void termsInALogNeverDecrease() {
        RaftLog log = sample();
        assertThrows(IllegalArgumentException.class, () -> log.append(cmd(3, 8)));
    }
}
