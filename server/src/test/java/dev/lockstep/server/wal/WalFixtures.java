package dev.lockstep.server.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers for the WAL tests: deterministic payloads and byte-level damage. */
final class WalFixtures {

    static final SegmentedWal.Options NO_FSYNC = SegmentedWal.Options.defaults().withFsync(false);

    private WalFixtures() {}

    /** A deterministic payload for record {@code i}: its number, padded to a size that varies with i. */
    static byte[] payload(int i) {
        byte[] label = ("record-" + i + "-").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[label.length + (i * 7) % 61];
        for (int b = 0; b < out.length; b++) {
            out[b] = b < label.length ? label[b] : (byte) (i * 31 + b);
        }
        return out;
    }

    static List<byte[]> payloads(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(payload(i));
        }
        return out;
    }

    static SegmentedWal open(Path dir, SegmentedWal.Options options) throws IOException {
        SegmentedWal wal = new SegmentedWal(dir, options);
        wal.recover();
        return wal;
    }

    /** Writes records [from, to) one unit each, syncs and closes. */
    static void write(Path dir, SegmentedWal.Options options, int from, int to) throws IOException {
        try (SegmentedWal wal = new SegmentedWal(dir, options)) {
            wal.recover();
            for (byte[] record : payloads(from, to)) {
                wal.append(record, false);
            }
            wal.sync();
        }
    }

    static WriteAheadLog.Recovery recover(Path dir, SegmentedWal.Options options) throws IOException {
        try (SegmentedWal wal = new SegmentedWal(dir, options)) {
            return wal.recover();
        }
    }

    static void assertRecords(List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "record " + i);
        }
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".wal")).sorted(Comparator.naturalOrder()).toList();
        }
    }

    static Path lastSegment(Path dir) throws IOException {
        List<Path> all = segments(dir);
        return all.get(all.size() - 1);
    }

    /** The intact records of one segment, with their frame offsets. */
    static List<SegmentReader.ScannedRecord> scan(Path segment) throws IOException {
        long base = Long.parseLong(segment.getFileName().toString().substring(0, 20));
        return SegmentReader.read(new SegmentFiles.Segment(base, segment), Integer.MAX_VALUE).records();
    }

    static void flipBit(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            channel.write(one, offset);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    /** Overwrites everything from {@code offset} to the end with zeros, keeping the size. */
    static void zeroFrom(Path file, long offset) throws IOException {
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) (size - offset)), offset);
        }
    }

    /** Copies a directory's files (flat) to a fresh directory. */
    static Path copyDir(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (Path file : segments(from)) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
