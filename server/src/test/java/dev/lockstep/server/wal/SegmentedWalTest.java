package dev.lockstep.server.wal;

import static dev.lockstep.server.wal.WalFixtures.NO_FSYNC;
import static dev.lockstep.server.wal.WalFixtures.assertRecords;
import static dev.lockstep.server.wal.WalFixtures.open;
import static dev.lockstep.server.wal.WalFixtures.payload;
import static dev.lockstep.server.wal.WalFixtures.payloads;
import static dev.lockstep.server.wal.WalFixtures.recover;
import static dev.lockstep.server.wal.WalFixtures.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Normal operation of {@link SegmentedWal}: round trips, rolls, reopen, checkpoints, units. */
class SegmentedWalTest {

    private static final SegmentedWal.Options SMALL = NO_FSYNC.withSegmentBytes(4096);

    @TempDir
    Path dir;

    @Test
    void roundTripWithFsyncOn() throws IOException {
        List<byte[]> written = List.of(payload(1), new byte[0], payload(2), new byte[70_000]);
        try (SegmentedWal wal = new SegmentedWal(dir)) {
            WriteAheadLog.Recovery empty = wal.recover();
            assertTrue(empty.records().isEmpty());
            assertNull(empty.truncatedTail());
            for (byte[] record : written) {
                wal.append(record, false);
            }
            wal.sync();
        }
        WriteAheadLog.Recovery recovery = recover(dir, SegmentedWal.Options.defaults());
        assertRecords(written, recovery.records());
        assertNull(recovery.truncatedTail());
        assertEquals(List.of(dir.resolve("00000000000000000000.wal")), segments(dir));
    }

    @Test
    void manyRecordsAcrossSegmentRolls() throws IOException {
        WalFixtures.write(dir, SMALL, 0, 1000);
        List<Path> files = segments(dir);
        assertTrue(files.size() >= 10, "segments: " + files.size());
        long expectedBase = 0;
        for (Path file : files) {
            assertEquals(SegmentFiles.name(expectedBase), file.getFileName().toString());
            assertTrue(Files.size(file) <= 4096, file + " is " + Files.size(file) + " bytes");
            expectedBase += WalFixtures.scan(file).size();
        }
        assertEquals(1000, expectedBase);
        assertRecords(payloads(0, 1000), recover(dir, SMALL).records());
    }

    @Test
    void reopenRecoversAndAppendsContinueTheSequence() throws IOException {
        WalFixtures.write(dir, SMALL, 0, 300);
        try (SegmentedWal wal = open(dir, SMALL)) {
            assertEquals(300, wal.nextSeq());
            for (byte[] record : payloads(300, 600)) {
                wal.append(record, false);
            }
            wal.sync();
        }
        WalFixtures.write(dir, SMALL, 600, 700);
        assertRecords(payloads(0, 700), recover(dir, SMALL).records());
    }

    @Test
    void durableCheckpointDeletesOlderSegmentsAndRecoveryStartsAtIt() throws IOException {
        byte[] checkpoint = "checkpoint-of-everything".getBytes();
        try (SegmentedWal wal = open(dir, SMALL)) {
            for (byte[] record : payloads(0, 500)) {
                wal.append(record, false);
            }
            wal.append(checkpoint, true);
            int before = segments(dir).size();
            for (byte[] record : payloads(501, 520)) {
                wal.append(record, false);
            }
            assertEquals(before, segments(dir).size(), "nothing is deleted before the checkpoint is durable");
            wal.sync();
            Path first = segments(dir).get(0);
            long firstBase = Long.parseLong(first.getFileName().toString().substring(0, 20));
            assertTrue(firstBase <= 500 && firstBase + WalFixtures.scan(first).size() > 500,
                    "oldest remaining segment holds the checkpoint (seq 500): " + first);
            assertEquals(wal.segmentFiles(), segments(dir));
        }
        List<byte[]> expected = new ArrayList<>();
        expected.add(checkpoint);
        expected.addAll(payloads(501, 520));
        assertRecords(expected, recover(dir, SMALL).records());
    }

    @Test
    void segmentsLeftBeforeTheCheckpointAreNeverReadAndAreDeletedOnRecovery() throws IOException {
        try (SegmentedWal wal = open(dir, SMALL)) {
            for (byte[] record : payloads(0, 200)) {
                wal.append(record, false);
            }
            wal.append(payload(200), true);
            wal.sync();
        }
        // A crash between deleting files and fsyncing the directory can leave an old one behind.
        Path stale = dir.resolve(SegmentFiles.name(0));
        Files.write(stale, new byte[] {1, 2, 3, 4, 5});
        WriteAheadLog.Recovery recovery = recover(dir, SMALL);
        assertRecords(List.of(payload(200)), recovery.records());
        assertNull(recovery.truncatedTail());
        assertFalse(Files.exists(stale), "stale segment deleted");
    }

    @Test
    void checkpointInsideAUnitStartsRecoveryAtTheCheckpoint() throws IOException {
        try (SegmentedWal wal = open(dir, NO_FSYNC)) {
            wal.append(payload(0), false);
            wal.appendAtomically(List.of(new WriteAheadLog.Entry(payload(1), false),
                    new WriteAheadLog.Entry(payload(2), true), new WriteAheadLog.Entry(payload(3), false)));
            wal.sync();
        }
        assertRecords(payloads(2, 4), recover(dir, NO_FSYNC).records());
    }

    @Test
    void aUnitIsNeverSplitAcrossSegments() throws IOException {
        try (SegmentedWal wal = open(dir, SMALL)) {
            for (int unit = 0; unit < 40; unit++) {
                List<WriteAheadLog.Entry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(new WriteAheadLog.Entry(payload(unit * 10 + i), false));
                }
                wal.appendAtomically(entries);
            }
            wal.sync();
        }
        for (Path file : segments(dir)) {
            List<SegmentReader.ScannedRecord> records = WalFixtures.scan(file);
            assertFalse(records.get(records.size() - 1).continued(), file + " ends inside a unit");
        }
        assertRecords(payloads(0, 400), recover(dir, SMALL).records());
    }

    @Test
    void misuseIsRefused() throws IOException {
        SegmentedWal wal = new SegmentedWal(dir, NO_FSYNC);
        assertThrows(IOException.class, () -> wal.append(payload(0), false), "append before recover");
        wal.recover();
        assertThrows(IOException.class, wal::recover, "recover twice");
        SegmentedWal.Options tiny = NO_FSYNC.withMaxRecordBytes(10);
        try (SegmentedWal small = new SegmentedWal(dir.resolve("tiny"), tiny)) {
            small.recover();
            assertThrows(IllegalArgumentException.class, () -> small.append(new byte[11], false));
            small.append(new byte[10], false);
        }
        wal.close();
        assertThrows(IOException.class, wal::sync, "sync after close");
    }

    @Test
    void toStringSaysWhenFsyncIsOff() {
        assertTrue(new SegmentedWal(dir, NO_FSYNC).toString().contains("fsync OFF"));
        assertTrue(new SegmentedWal(dir).toString().contains("fsync on"));
    }
}
