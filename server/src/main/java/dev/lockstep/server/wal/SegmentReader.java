package dev.lockstep.server.wal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one segment file front to back and stops at the first byte it cannot trust: a short
 * read, a length out of range, unknown flags or a checksum mismatch. It never returns a record
 * that failed its checksum; deciding whether the damage is a torn tail or corruption is the
 * caller's job ({@link RecoveryScan}), because that depends on the segment's position.
 */
final class SegmentReader {

    private static final int READ_BUFFER = 1 << 16;

    private SegmentReader() {}

    /** One intact record: where its frame starts, its flags and payload. */
    record ScannedRecord(long offset, byte flags, byte[] payload) {
        boolean checkpoint() {
            return (flags & WalFormat.FLAG_CHECKPOINT) != 0;
        }

        boolean continued() {
            return (flags & WalFormat.FLAG_CONTINUED) != 0;
        }

        long end() {
            return offset + WalFormat.FRAME_OVERHEAD + payload.length;
        }
    }

    /**
     * The readable prefix of a segment.
     *
     * @param headerOk false if the header itself is bad (then {@code records} is empty)
     * @param validEnd the offset just past the last intact record (or 0 if the header is bad)
     * @param fileSize the file's size on disk
     * @param problem why reading stopped before {@code fileSize}, or null if it did not
     */
    record SegmentScan(
            SegmentFiles.Segment segment,
            boolean headerOk,
            List<ScannedRecord> records,
            long validEnd,
            long fileSize,
            String problem) {}

    static SegmentScan read(SegmentFiles.Segment segment, int maxRecordBytes) throws IOException {
        long fileSize = Files.size(segment.path());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(segment.path()), READ_BUFFER)) {
            byte[] header = in.readNBytes(WalFormat.HEADER_BYTES);
            String headerProblem = header.length < WalFormat.HEADER_BYTES
                    ? "short segment header (" + header.length + " bytes)"
                    : WalFormat.headerProblem(header, segment.baseSeq());
            if (headerProblem != null) {
                return new SegmentScan(segment, false, List.of(), 0, fileSize, headerProblem);
            }
            return readRecords(segment, in, fileSize, maxRecordBytes);
        }
    }

    private static SegmentScan readRecords(
            SegmentFiles.Segment segment, InputStream in, long fileSize, int maxRecordBytes)
            throws IOException {
        List<ScannedRecord> records = new ArrayList<>();
        long offset = WalFormat.HEADER_BYTES;
        String problem = null;
        while (offset < fileSize) {
            problem = readOne(in, offset, fileSize, maxRecordBytes, records);
            if (problem != null) {
                break;
            }
            offset = records.get(records.size() - 1).end();
        }
        return new SegmentScan(segment, true, records, offset, fileSize, problem);
    }

    /** Reads the frame at {@code offset}; adds it to {@code out} or returns why it is bad. */
    private static String readOne(
            InputStream in, long offset, long fileSize, int maxRecordBytes, List<ScannedRecord> out)
            throws IOException {
        byte[] frameHead = in.readNBytes(WalFormat.FRAME_OVERHEAD);
        if (frameHead.length < WalFormat.FRAME_OVERHEAD) {
            return "short read: " + frameHead.length + " of " + WalFormat.FRAME_OVERHEAD
                    + " frame header bytes";
        }
        ByteBuffer head = ByteBuffer.wrap(frameHead);
        int length = head.getInt();
        int storedCrc = head.getInt();
        byte flags = head.get();
        if (length < 0 || length > maxRecordBytes) {
            return "record length " + Integer.toUnsignedString(length) + " out of range [0, "
                    + maxRecordBytes + "]";
        }
        long available = fileSize - offset - WalFormat.FRAME_OVERHEAD;
        if (length > available) {
            return "short read: record of " + length + " bytes, " + available + " left in file";
        }
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            return "short read: " + payload.length + " of " + length + " payload bytes";
        }
        if (WalFormat.recordCrc(length, flags, payload) != storedCrc) {
            return "record checksum mismatch";
        }
        if ((flags & ~WalFormat.KNOWN_FLAGS) != 0) {
            return "unknown record flags 0x" + Integer.toHexString(flags & 0xff);
        }
        out.add(new ScannedRecord(offset, flags, payload));
        return null;
    }
}
