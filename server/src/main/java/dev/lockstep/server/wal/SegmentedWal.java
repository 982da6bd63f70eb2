package dev.lockstep.server.wal;

import dev.lockstep.server.wal.SegmentFiles.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link WriteAheadLog} kept as a directory of segment files ({@link WalFormat}), each named by
 * the sequence number of its first record and rolled once it would exceed
 * {@link Options#segmentBytes()}. Every record carries a CRC32C; {@link #sync()} is
 * {@code FileChannel.force(false)} plus a directory fsync whenever segments were created or
 * deleted. Once a checkpoint record is durable, segments holding only earlier records are deleted.
 *
 * <p><b>Failure model.</b> A crash may leave the end of the last segment torn (short, zeroed or
 * garbled; the kernel may write back pages out of order). Recovery therefore treats the first
 * untrustworthy byte of the <em>last</em> segment (short read, length out of range, checksum
 * mismatch, bad header), and an atomic unit cut short, as a torn write: it truncates the file
 * there and reports it. Data that was fsynced is assumed not to rot silently; if it does anyway
 * and a checksum fails in an earlier segment, or sequence numbers have a gap, recovery throws
 * {@link WalCorruptionException} instead of starting on silently lost durable state. A record
 * that fails its checksum is never returned. To keep these two cases apart, a segment is fsynced
 * before the next one is started, and a unit never spans two segments.
 *
 * <p>After any I/O error the log refuses further use: after a failed fsync the kernel may have
 * dropped the dirty pages, so retrying could report lost data as durable.
 *
 * <p>Not thread-safe: one owner thread calls every method ({@link GroupCommitter}).
 */
public final class SegmentedWal implements WriteAheadLog {

    private static final int WRITE_BUFFER = 1 << 20;

    private enum State { NEW, OPEN, FAILED, CLOSED }

    private final Path dir;
    private final Options options;
    private final List<Segment> segments = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private State state = State.NEW;
    private FileChannel channel;
    private long segmentBytes;
    private int segmentRecords;
    private long nextSeq;
    private long pendingCheckpointSeq = -1;
    private boolean directoryDirty;
    private TailTruncation truncation;

    public SegmentedWal(Path dir) {
        this(dir, Options.defaults());
    }

    public SegmentedWal(Path dir, Options options) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * How the log is kept.
     *
     * @param segmentBytes roll to a new segment once the current one would grow beyond this
     * @param fsync false skips every fsync: NOT durable, for tests and benchmarks only
     * @param maxRecordBytes the largest payload accepted (and believed when reading a length)
     */
    public record Options(long segmentBytes, boolean fsync, int maxRecordBytes) {
        public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
        public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;

        public Options {
            if (segmentBytes <= WalFormat.HEADER_BYTES || maxRecordBytes < 0) {
                throw new IllegalArgumentException("segmentBytes " + segmentBytes + ", maxRecordBytes " + maxRecordBytes);
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_SEGMENT_BYTES, true, DEFAULT_MAX_RECORD_BYTES);
        }

        public Options withSegmentBytes(long bytes) {
            return new Options(bytes, fsync, maxRecordBytes);
        }

        public Options withFsync(boolean on) {
            return new Options(segmentBytes, on, maxRecordBytes);
        }

        public Options withMaxRecordBytes(int bytes) {
            return new Options(segmentBytes, fsync, bytes);
        }
    }

    @Override
    public Recovery recover() throws IOException {
        require(State.NEW, "recover() must be called once, before any append");
        try {
            createDirectory();
            List<Segment> found = SegmentFiles.list(dir);
            List<byte[]> records = found.isEmpty() ? startEmpty() : reopen(RecoveryScan.plan(found, options.maxRecordBytes()), found);
            state = State.OPEN;
            return new Recovery(List.copyOf(records), truncation == null ? null : truncation.describe());
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Creates the log directory if needed, making its name durable in the parent. */
    private void createDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        Path parent = dir.toAbsolutePath().getParent();
        if (options.fsync() && parent != null) {
            SegmentFiles.fsyncDirectory(parent);
        }
    }

    private List<byte[]> startEmpty() throws IOException {
        startSegment(0);
        flush();
        forceIfEnabled();
        return List.of();
    }

    /** Cuts the torn tail off, makes what survived durable, drops segments before the checkpoint. */
    private List<byte[]> reopen(RecoveryScan.Plan plan, List<Segment> found) throws IOException {
        Segment last = found.get(found.size() - 1);
        truncation = plan.truncation();
        channel = FileChannel.open(last.path(), StandardOpenOption.WRITE);
        if (truncation != null) {
            channel.truncate(plan.keepBytes());
        }
        if (!plan.last().headerOk()) {
            writeFully(WalFormat.header(last.baseSeq()));
        }
        channel.position(channel.size());
        segmentBytes = channel.size();
        segmentRecords = (int) (plan.nextSeq() - last.baseSeq());
        nextSeq = plan.nextSeq();
        segments.addAll(found);
        forceIfEnabled();
        deleteSegments(plan.firstNeeded());
        return plan.records();
    }

    @Override
    public void append(byte[] record, boolean checkpoint) throws IOException {
        appendAtomically(List.of(new Entry(record, checkpoint)));
    }

    @Override
    public void appendAtomically(List<Entry> entries) throws IOException {
        require(State.OPEN, "append needs an open, recovered log");
        long unitBytes = 0;
        for (Entry entry : entries) {
            if (entry.payload().length > options.maxRecordBytes()) {
                throw new IllegalArgumentException("record of " + entry.payload().length
                        + " bytes exceeds maxRecordBytes " + options.maxRecordBytes());
            }
            unitBytes += WalFormat.frameBytes(entry.payload());
        }
        try {
            if (segmentRecords > 0 && segmentBytes + unitBytes > options.segmentBytes()) {
                roll();
            }
            for (int i = 0; i < entries.size(); i++) {
                appendFrame(entries.get(i), i < entries.size() - 1);
            }
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void appendFrame(Entry entry, boolean continued) throws IOException {
        byte flags = (byte) ((entry.checkpoint() ? WalFormat.FLAG_CHECKPOINT : 0)
                | (continued ? WalFormat.FLAG_CONTINUED : 0));
        int frameBytes = WalFormat.frameBytes(entry.payload());
        if (frameBytes > buffer.remaining()) {
            flush();
        }
        if (frameBytes > buffer.capacity()) {
            ByteBuffer frame = ByteBuffer.allocate(frameBytes);
            WalFormat.putFrame(frame, entry.payload(), flags);
            writeFully(frame.flip());
        } else {
            WalFormat.putFrame(buffer, entry.payload(), flags);
        }
        if (entry.checkpoint()) {
            pendingCheckpointSeq = nextSeq;
        }
        nextSeq++;
        segmentRecords++;
        segmentBytes += frameBytes;
    }

    @Override
    public void sync() throws IOException {
        require(State.OPEN, "sync needs an open, recovered log");
        try {
            flush();
            forceIfEnabled();
            if (pendingCheckpointSeq >= 0) {
                deleteSegments(segmentIndexOf(pendingCheckpointSeq));
                pendingCheckpointSeq = -1;
            }
        } catch (IOException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Fsyncs the current segment, then the directory if its entries changed. */
    private void forceIfEnabled() throws IOException {
        if (options.fsync()) {
            channel.force(false);
            if (directoryDirty) {
                SegmentFiles.fsyncDirectory(dir);
            }
        }
        directoryDirty = false;
    }

    /** Deletes the first {@code count} segments (oldest first), then makes that durable. */
    private void deleteSegments(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Files.deleteIfExists(segments.remove(0).path());
            directoryDirty = true;
        }
        if (directoryDirty && options.fsync()) {
            SegmentFiles.fsyncDirectory(dir);
        }
        directoryDirty = false;
    }

    private int segmentIndexOf(long seq) {
        int index = 0;
        while (index + 1 < segments.size() && segments.get(index + 1).baseSeq() <= seq) {
            index++;
        }
        return index;
    }

    /** Seals the current segment durably before the next one can receive any record. */
    private void roll() throws IOException {
        flush();
        forceIfEnabled();
        channel.close();
        startSegment(nextSeq);
    }

    private void startSegment(long baseSeq) throws IOException {
        Path path = dir.resolve(SegmentFiles.name(baseSeq));
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.add(new Segment(baseSeq, path));
        directoryDirty = true;
        buffer.put(WalFormat.header(baseSeq));
        segmentBytes = WalFormat.HEADER_BYTES;
        segmentRecords = 0;
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        boolean flushFirst = state == State.OPEN;
        state = State.CLOSED;
        if (channel == null) {
            return;
        }
        try {
            if (flushFirst) {
                flush();
            }
        } finally {
            channel.close();
        }
    }

    /** What recovery cut off the tail, if anything (valid after {@link #recover()}). */
    public Optional<TailTruncation> tailTruncation() {
        return Optional.ofNullable(truncation);
    }

    /** The sequence number the next appended record gets. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The segment files currently in use, oldest first. */
    public List<Path> segmentFiles() {
        return segments.stream().map(Segment::path).toList();
    }

    private void require(State expected, String what) throws IOException {
        if (state != expected) {
            throw new IOException(what + " (log is " + state + ": " + this + ")");
        }
    }

    @Override
    public String toString() {
        return "SegmentedWal[" + dir + ", segmentBytes=" + options.segmentBytes()
                + (options.fsync() ? ", fsync on" : ", fsync OFF (not durable; tests/benchmarks only)") + "]";
    }
}
