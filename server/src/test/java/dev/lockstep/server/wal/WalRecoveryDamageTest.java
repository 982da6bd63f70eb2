package dev.lockstep.server.wal;

import static dev.lockstep.server.wal.WalFixtures.NO_FSYNC;
import static dev.lockstep.server.wal.WalFixtures.assertRecords;
import static dev.lockstep.server.wal.WalFixtures.lastSegment;
import static dev.lockstep.server.wal.WalFixtures.payload;
import static dev.lockstep.server.wal.WalFixtures.payloads;
import static dev.lockstep.server.wal.WalFixtures.recover;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from a torn or damaged tail of the last segment: cut, reported, and writable again. */
class WalRecoveryDamageTest {

    private static final int RECORDS = 10;

    @TempDir
    Path tmp;

    /** A log of RECORDS records; returns the frame of the last one. */
    private SegmentReader.ScannedRecord writeLog(Path dir) throws IOException {
        WalFixtures.write(dir, NO_FSYNC, 0, RECORDS);
        List<SegmentReader.ScannedRecord> records = WalFixtures.scan(lastSegment(dir));
        return records.get(records.size() - 1);
    }

    @Test
    void tornTailAtEveryByteOffsetOfTheLastRecord() throws IOException {
        Path pristine = tmp.resolve("pristine");
        SegmentReader.ScannedRecord last = writeLog(pristine);
        for (long cut = last.offset(); cut < last.end(); cut++) {
            Path dir = WalFixtures.copyDir(pristine, tmp.resolve("cut-" + cut));
            WalFixtures.truncate(lastSegment(dir), cut);
            checkRecoversWithout(dir, last.offset(), cut - last.offset(), "cut at " + cut);
        }
    }

    @Test
    void zeroedTailFromEveryByteOffsetOfTheLastRecord() throws IOException {
        Path pristine = tmp.resolve("pristine");
        SegmentReader.ScannedRecord last = writeLog(pristine);
        for (long from = last.offset(); from < last.end(); from++) {
            Path dir = WalFixtures.copyDir(pristine, tmp.resolve("zero-" + from));
            WalFixtures.zeroFrom(lastSegment(dir), from);
            checkRecoversWithout(dir, last.offset(), last.end() - last.offset(), "zeroed from " + from);
        }
    }

    /**
     * Recovery must drop exactly the last record ({@code dropped} bytes at {@code offset}), say so,
     * and leave a log that takes appends and recovers cleanly.
     */
    private void checkRecoversWithout(Path dir, long offset, long dropped, String what) throws IOException {
        try (SegmentedWal wal = new SegmentedWal(dir, NO_FSYNC)) {
            WriteAheadLog.Recovery recovery = wal.recover();
            assertRecords(payloads(0, RECORDS - 1), recovery.records());
            if (dropped == 0) {
                assertNull(recovery.truncatedTail(), what);
                return;
            }
            TailTruncation cut = wal.tailTruncation().orElseThrow();
            assertEquals(offset, cut.offset(), what);
            assertEquals(dropped, cut.droppedBytes(), what);
            assertEquals(cut.describe(), recovery.truncatedTail());
            assertEquals(offset, Files.size(lastSegment(dir)), what);
            wal.append(payload(99), false);
            wal.sync();
        }
        List<byte[]> expected = new ArrayList<>(payloads(0, RECORDS - 1));
        expected.add(payload(99));
        WriteAheadLog.Recovery again = recover(dir, NO_FSYNC);
        assertRecords(expected, again.records());
        assertNull(again.truncatedTail(), what);
    }

    @Test
    void checksumFlipAnywhereInTheLastRecordTruncatesIt() throws IOException {
        Path pristine = tmp.resolve("pristine");
        SegmentReader.ScannedRecord last = writeLog(pristine);
        for (long at = last.offset(); at < last.end(); at++) {
            Path dir = WalFixtures.copyDir(pristine, tmp.resolve("flip-" + at));
            WalFixtures.flipBit(lastSegment(dir), at);
            checkRecoversWithout(dir, last.offset(), last.end() - last.offset(), "bit flipped at " + at);
        }
        Path dir = WalFixtures.copyDir(pristine, tmp.resolve("reason"));
        WalFixtures.flipBit(lastSegment(dir), last.end() - 1);
        assertTrue(recover(dir, NO_FSYNC).truncatedTail().contains("checksum mismatch"));
    }

    @Test
    void garbageAfterTheTailIsCutOff() throws IOException {
        long seed = 20240611L;
        System.out.println("garbageAfterTheTailIsCutOff seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int length = 1; length <= 64; length++) {
            Path dir = tmp.resolve("garbage-" + length);
            SegmentReader.ScannedRecord last = writeLog(dir);
            byte[] garbage = new byte[length];
            random.nextBytes(garbage);
            WalFixtures.appendBytes(lastSegment(dir), garbage);
            WriteAheadLog.Recovery recovery = recover(dir, NO_FSYNC);
            assertRecords(payloads(0, RECORDS), recovery.records());
            assertTrue(recovery.truncatedTail().contains("dropped " + length + " bytes at offset " + last.end()),
                    recovery.truncatedTail());
        }
    }

    @Test
    void unfinishedAtomicUnitIsDroppedWhole() throws IOException {
        Path dir = tmp.resolve("unit");
        try (SegmentedWal wal = WalFixtures.open(dir, NO_FSYNC)) {
            wal.append(payload(0), false);
            wal.appendAtomically(List.of(new WriteAheadLog.Entry(payload(1), true),
                    new WriteAheadLog.Entry(payload(2), false), new WriteAheadLog.Entry(payload(3), false)));
            wal.sync();
        }
        List<SegmentReader.ScannedRecord> records = WalFixtures.scan(lastSegment(dir));
        WalFixtures.truncate(lastSegment(dir), records.get(3).end() - 1);
        try (SegmentedWal wal = new SegmentedWal(dir, NO_FSYNC)) {
            WriteAheadLog.Recovery recovery = wal.recover();
            assertRecords(payloads(0, 1), recovery.records());
            TailTruncation cut = wal.tailTruncation().orElseThrow();
            assertEquals(records.get(1).offset(), cut.offset(), "cut where the unit began");
            assertEquals(2, cut.droppedRecords());
        }
    }

    @Test
    void corruptHeaderOfTheLastSegmentIsRewritten() throws IOException {
        SegmentedWal.Options small = NO_FSYNC.withSegmentBytes(1024);
        Path dir = tmp.resolve("header");
        WalFixtures.write(dir, small, 0, 100);
        Path last = lastSegment(dir);
        long lastBase = Long.parseLong(last.getFileName().toString().substring(0, 20));
        WalFixtures.flipBit(last, 9);
        try (SegmentedWal wal = new SegmentedWal(dir, small)) {
            WriteAheadLog.Recovery recovery = wal.recover();
            assertRecords(payloads(0, (int) lastBase), recovery.records());
            assertTrue(recovery.truncatedTail().contains("header"), recovery.truncatedTail());
            assertEquals(WalFormat.HEADER_BYTES, Files.size(last));
            wal.append(payload(500), false);
            wal.sync();
        }
        List<byte[]> expected = new ArrayList<>(payloads(0, (int) lastBase));
        expected.add(payload(500));
        assertRecords(expected, recover(dir, small).records());
    }
}
