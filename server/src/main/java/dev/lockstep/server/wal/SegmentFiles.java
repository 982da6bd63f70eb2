package dev.lockstep.server.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Naming, listing and directory fsync of segment files. */
final class SegmentFiles {

    private static final Pattern NAME = Pattern.compile("\\d{20}\\.wal");

    private SegmentFiles() {}

    /** A segment file and the sequence number of its first record (from its name). */
    record Segment(long baseSeq, Path path) {}

    /** The file name of the segment whose first record is {@code baseSeq}: zero-padded, sortable. */
    static String name(long baseSeq) {
        return String.format("%020d.wal", baseSeq);
    }

    /** Every segment file in {@code dir}, oldest first. Other files are ignored. */
    static List<Segment> list(Path dir) throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    segments.add(new Segment(Long.parseLong(name.substring(0, 20)), file));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::baseSeq));
        return segments;
    }

    /**
     * Makes the directory's entries (created or deleted files) durable. Without it a crash can
     * lose a new segment's name even though its data was fsynced.
     */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
