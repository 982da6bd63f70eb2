package dev.lockstep.server.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Throughput of the write-ahead log on this machine's disk, fsync ON. Not a unit test; run by
 * hand (command in the class's report / docs/benchmarks.md). Cases:
 * <ul>
 *   <li>{@code raw}: write 100 bytes + {@code force(false)} on a plain file (the disk's fsync rate);</li>
 *   <li>{@code direct B}: {@link SegmentedWal} driven directly, B appends of 100 bytes then one sync;</li>
 *   <li>{@code group C}: {@link GroupCommitter} with C one-record persists in flight (C clients each
 *       waiting for durability); the batches form by themselves.</li>
 * </ul>
 * The disk is shared with other work, so the cases run interleaved for several rounds and the
 * summary gives each case's median and range.
 */
public final class WalBenchmark {

    private static final byte[] RECORD = new byte[100];
    private static final int[] SIZES = {1, 16, 256};

    private WalBenchmark() {}

    /** One measured run: records made durable, syncs, seconds, and fsync latency percentiles. */
    record Result(long records, long syncs, double seconds, Histogram syncMicros) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double syncsPerSecond() {
            return syncs / seconds;
        }
    }

    @FunctionalInterface
    interface Case {
        Result run(Path scratch, double seconds) throws Exception;
    }

    /** Arguments: scratch directory on the disk to measure, seconds per case and round, rounds. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target-wal/wal-bench");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(root);
        System.out.printf(Locale.ROOT, "WAL benchmark: dir=%s, %d rounds x %.1f s per case, 100-byte records, fsync on%n",
                root.toAbsolutePath(), rounds, seconds);
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("raw fsync", WalBenchmark::rawFsync);
        for (int batch : SIZES) {
            cases.put("direct batch=" + batch, (dir, s) -> direct(dir, batch, s));
        }
        for (int inFlight : SIZES) {
            cases.put("group inFlight=" + inFlight, (dir, s) -> committer(dir, inFlight, s));
        }
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Case> c : cases.entrySet()) {
                Path scratch = root.resolve("case");
                deleteDir(scratch);
                Result r = c.getValue().run(scratch, seconds);
                deleteDir(scratch);
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(r);
                System.out.printf(Locale.ROOT, "round %d %-20s %10.0f records/s %7.0f syncs/s  sync p50=%dus p99=%dus%n",
                        round, c.getKey(), r.recordsPerSecond(), r.syncsPerSecond(),
                        r.syncMicros().getValueAtPercentile(50), r.syncMicros().getValueAtPercentile(99));
            }
        }
        summarize(results);
    }

    private static void summarize(Map<String, List<Result>> results) {
        System.out.println("summary (median [min..max] over rounds):");
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            List<Double> recs = e.getValue().stream().map(Result::recordsPerSecond).sorted().toList();
            List<Double> syncs = e.getValue().stream().map(Result::syncsPerSecond).sorted().toList();
            Histogram all = new Histogram(3);
            long records = 0;
            long syncCount = 0;
            for (Result r : e.getValue()) {
                all.add(r.syncMicros());
                records += r.records();
                syncCount += r.syncs();
            }
            System.out.printf(Locale.ROOT,
                    "%-20s records/s %9.0f [%.0f..%.0f]  syncs/s %6.0f [%.0f..%.0f]  records/sync %.1f  sync us p50=%d p99=%d%n",
                    e.getKey(), median(recs), recs.get(0), recs.get(recs.size() - 1), median(syncs),
                    syncs.get(0), syncs.get(syncs.size() - 1), (double) records / syncCount,
                    all.getValueAtPercentile(50), all.getValueAtPercentile(99));
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Result rawFsync(Path dir, double seconds) throws IOException {
        Files.createDirectories(dir);
        Histogram micros = new Histogram(3);
        ByteBuffer bytes = ByteBuffer.wrap(RECORD);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try (FileChannel channel = FileChannel.open(dir.resolve(SegmentFiles.name(0)),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < end) {
                bytes.rewind();
                long t0 = System.nanoTime();
                channel.write(bytes);
                channel.force(false);
                micros.recordValue((System.nanoTime() - t0) / 1000);
            }
        }
        long n = micros.getTotalCount();
        return new Result(n, n, (System.nanoTime() - start) / 1e9, micros);
    }

    private static Result direct(Path dir, int batch, double seconds) throws IOException {
        Histogram micros = new Histogram(3);
        long records = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try (SegmentedWal wal = new SegmentedWal(dir)) {
            wal.recover();
            while (System.nanoTime() < end) {
                for (int i = 0; i < batch; i++) {
                    wal.append(RECORD, false);
                }
                long t0 = System.nanoTime();
                wal.sync();
                micros.recordValue((System.nanoTime() - t0) / 1000);
                records += batch;
            }
        }
        return new Result(records, micros.getTotalCount(), (System.nanoTime() - start) / 1e9, micros);
    }

    private static Result committer(Path dir, int inFlight, double seconds) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong durable = new AtomicLong();
        AtomicLong records = new AtomicLong();
        Histogram micros = new Histogram(3);
        GroupCommitter.Callbacks callbacks = new GroupCommitter.Callbacks() {
            @Override
            public void onDurable(long highestSeq) {
                slots.release((int) (highestSeq - durable.getAndSet(highestSeq)));
            }

            @Override
            public void onError(Throwable error) {
                throw new IllegalStateException("benchmark log failed", error);
            }
        };
        CommitMetrics metrics = stats -> {
            records.addAndGet(stats.records());
            micros.recordValue(stats.syncNanos() / 1000);
        };
        SegmentedWal wal = new SegmentedWal(dir);
        wal.recover();
        GroupCommitter group = GroupCommitter.start(wal, callbacks, metrics, "wal-bench");
        List<WriteAheadLog.Entry> unit = List.of(new WriteAheadLog.Entry(RECORD, false));
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long seq = 0;
        while (System.nanoTime() < end) {
            slots.acquire();
            group.submit(++seq, unit);
        }
        group.close();
        return new Result(records.get(), micros.getTotalCount(), (System.nanoTime() - start) / 1e9, micros.copy());
    }

    private static void deleteDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        for (Path file : WalFixtures.segments(dir)) {
            Files.delete(file);
        }
        Files.delete(dir);
    }
}
