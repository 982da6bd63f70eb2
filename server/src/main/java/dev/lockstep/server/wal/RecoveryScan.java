package dev.lockstep.server.wal;

import dev.lockstep.server.wal.SegmentReader.ScannedRecord;
import dev.lockstep.server.wal.SegmentReader.SegmentScan;
import dev.lockstep.server.wal.SegmentFiles.Segment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, without changing any file, what recovery keeps: it reads segments from the last one
 * backwards until it meets the latest checkpoint, so segments before the one holding that
 * checkpoint are never read. Damage in the last segment is a torn write and is cut off; damage
 * anywhere else, or a gap in the sequence numbers, is a {@link WalCorruptionException}.
 */
final class RecoveryScan {

    private RecoveryScan() {}

    /**
     * @param records the surviving payloads, from the latest checkpoint on
     * @param firstNeeded index (in the segment list) of the segment holding that checkpoint;
     *     earlier segments hold only records before it
     * @param last the last segment's scan
     * @param keepBytes the length the last segment must be cut to (0: rewrite its header)
     * @param nextSeq the sequence number the next appended record gets
     * @param truncation what is cut off the last segment, or null if nothing is
     */
    record Plan(
            List<byte[]> records,
            int firstNeeded,
            SegmentScan last,
            long keepBytes,
            long nextSeq,
            TailTruncation truncation) {}

    static Plan plan(List<Segment> segments, int maxRecordBytes) throws IOException {
        int lastIndex = segments.size() - 1;
        SegmentScan last = SegmentReader.read(segments.get(lastIndex), maxRecordBytes);
        List<ScannedRecord> lastKept = completeUnits(last.records());
        long keepBytes = !last.headerOk() ? 0
                : lastKept.isEmpty() ? WalFormat.HEADER_BYTES
                : lastKept.get(lastKept.size() - 1).end();
        List<List<ScannedRecord>> newestFirst = new ArrayList<>();
        int firstNeeded = 0;
        int checkpointAt = 0;
        for (int i = lastIndex; i >= 0; i--) {
            List<ScannedRecord> records = lastKept;
            if (i < lastIndex) {
                SegmentScan earlier = readEarlier(segments.get(i), maxRecordBytes);
                requireContiguous(earlier, segments.get(i + 1).baseSeq());
                records = earlier.records();
            }
            newestFirst.add(records);
            checkpointAt = lastCheckpoint(records);
            if (checkpointAt >= 0) {
                firstNeeded = i;
                break;
            }
        }
        if (checkpointAt < 0) {
            requireStartsAtZero(segments.get(0));
            checkpointAt = 0;
        }
        long nextSeq = segments.get(lastIndex).baseSeq() + lastKept.size();
        return new Plan(payloads(newestFirst, checkpointAt), firstNeeded, last, keepBytes, nextSeq,
                truncation(last, lastKept, keepBytes));
    }

    /** The records up to the end of the last atomic unit that was written completely. */
    private static List<ScannedRecord> completeUnits(List<ScannedRecord> records) {
        int end = records.size();
        while (end > 0 && records.get(end - 1).continued()) {
            end--;
        }
        return records.subList(0, end);
    }

    private static TailTruncation truncation(SegmentScan last, List<ScannedRecord> kept, long keepBytes) {
        if (keepBytes == last.fileSize() && last.headerOk()) {
            return null;
        }
        int droppedRecords = last.records().size() - kept.size();
        String reason = last.problem() == null ? "file ends inside an atomic unit"
                : droppedRecords == 0 ? last.problem()
                : last.problem() + " at offset " + last.validEnd();
        return new TailTruncation(last.segment().path(), keepBytes, last.fileSize() - keepBytes,
                droppedRecords, reason);
    }

    /** Reads a segment that is not the last one: it must be intact to its end. */
    private static SegmentScan readEarlier(Segment segment, int maxRecordBytes) throws IOException {
        SegmentScan scan = SegmentReader.read(segment, maxRecordBytes);
        if (scan.problem() != null) {
            throw new WalCorruptionException(segment.path(), scan.validEnd(), scan.problem());
        }
        List<ScannedRecord> records = scan.records();
        if (!records.isEmpty() && records.get(records.size() - 1).continued()) {
            throw new WalCorruptionException(segment.path(), scan.validEnd(),
                    "segment ends inside an atomic unit");
        }
        return scan;
    }

    private static void requireContiguous(SegmentScan scan, long nextBase) throws IOException {
        Segment segment = scan.segment();
        long end = segment.baseSeq() + scan.records().size();
        if (end != nextBase) {
            throw new WalCorruptionException(segment.path(), scan.validEnd(), "segment holds seqs "
                    + segment.baseSeq() + ".." + (end - 1) + " but the next segment starts at seq "
                    + nextBase + ": records are missing or misplaced");
        }
    }

    private static void requireStartsAtZero(Segment first) throws IOException {
        if (first.baseSeq() != 0) {
            throw new WalCorruptionException(first.path(), 0, "no checkpoint survives and the "
                    + "oldest segment starts at seq " + first.baseSeq() + ": earlier records are missing");
        }
    }

    private static int lastCheckpoint(List<ScannedRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).checkpoint()) {
                return i;
            }
        }
        return -1;
    }

    private static List<byte[]> payloads(List<List<ScannedRecord>> newestFirst, int checkpointAt) {
        List<byte[]> out = new ArrayList<>();
        for (int s = newestFirst.size() - 1; s >= 0; s--) {
            List<ScannedRecord> records = newestFirst.get(s);
            int from = s == newestFirst.size() - 1 ? checkpointAt : 0;
            for (int r = from; r < records.size(); r++) {
                out.add(records.get(r).payload());
            }
        }
        return out;
    }
}
