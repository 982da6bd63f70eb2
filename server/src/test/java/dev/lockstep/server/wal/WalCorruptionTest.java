package dev.lockstep.server.wal;

import static dev.lockstep.server.wal.WalFixtures.NO_FSYNC;
import static dev.lockstep.server.wal.WalFixtures.segments;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage that is not a torn tail: recovery refuses with a message naming the file and offset, and
 * changes no file.
 */
class WalCorruptionTest {

    private static final SegmentedWal.Options SMALL = NO_FSYNC.withSegmentBytes(1024);

    @TempDir
    Path dir;

    private List<Path> files;

    @BeforeEach
    void writeSeveralSegments() throws IOException {
        WalFixtures.write(dir, SMALL, 0, 200);
        files = segments(dir);
        assertTrue(files.size() >= 4, "segments: " + files.size());
    }

    private WalCorruptionException refused() throws IOException {
        List<byte[]> before = snapshot();
        WalCorruptionException e = assertThrows(WalCorruptionException.class, () -> WalFixtures.recover(dir, SMALL));
        System.out.println("refused as expected: " + e.getMessage());
        List<byte[]> after = snapshot();
        assertEquals(before.size(), after.size(), "no segment deleted");
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "segment " + i + " unchanged");
        }
        return e;
    }

    private List<byte[]> snapshot() throws IOException {
        List<byte[]> contents = new ArrayList<>();
        for (Path file : segments(dir)) {
            contents.add(Files.readAllBytes(file));
        }
        return contents;
    }

    @Test
    void checksumFlipInAnEarlierSegmentIsRefused() throws IOException {
        Path victim = files.get(1);
        SegmentReader.ScannedRecord record = WalFixtures.scan(victim).get(3);
        WalFixtures.flipBit(victim, record.offset() + WalFormat.FRAME_OVERHEAD + 2);
        WalCorruptionException e = refused();
        assertEquals(victim, e.segment());
        assertEquals(record.offset(), e.offset());
        assertTrue(e.getMessage().contains(victim.toString()) && e.getMessage().contains("offset " + record.offset())
                && e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void tornEndOfAnEarlierSegmentIsRefused() throws IOException {
        Path victim = files.get(0);
        WalFixtures.truncate(victim, Files.size(victim) - 3);
        WalCorruptionException e = refused();
        assertEquals(victim, e.segment());
        assertTrue(e.getMessage().contains("short read"), e.getMessage());
    }

    @Test
    void earlierSegmentCutAtARecordBoundaryIsAGap() throws IOException {
        Path victim = files.get(1);
        List<SegmentReader.ScannedRecord> records = WalFixtures.scan(victim);
        WalFixtures.truncate(victim, records.get(records.size() - 1).offset());
        WalCorruptionException e = refused();
        assertTrue(e.getMessage().contains("records are missing"), e.getMessage());
    }

    @Test
    void missingMiddleSegmentIsRefused() throws IOException {
        Files.delete(files.get(2));
        WalCorruptionException e = refused();
        assertEquals(files.get(1), e.segment());
    }

    @Test
    void missingFirstSegmentWithoutCheckpointIsRefused() throws IOException {
        Files.delete(files.get(0));
        WalCorruptionException e = refused();
        assertTrue(e.getMessage().contains("no checkpoint survives"), e.getMessage());
    }

    @Test
    void corruptHeaderOfAnEarlierSegmentIsRefused() throws IOException {
        Path victim = files.get(1);
        WalFixtures.flipBit(victim, 0);
        WalCorruptionException e = refused();
        assertEquals(victim, e.segment());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void renamedSegmentHeaderMismatchIsRefused() throws IOException {
        Path victim = files.get(1);
        Files.move(victim, dir.resolve(SegmentFiles.name(1)));
        WalCorruptionException e = refused();
        assertTrue(e.getMessage().contains("differs from file name"), e.getMessage());
    }
}
