package dev.lockstep.server.wal;

import static dev.lockstep.server.wal.WalFixtures.NO_FSYNC;
import static dev.lockstep.server.wal.WalFixtures.assertRecords;
import static dev.lockstep.server.wal.WalFixtures.payload;
import static dev.lockstep.server.wal.WalFixtures.payloads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GroupCommitter}: batching is asserted through the metrics listener (counts, never
 * timings); a gate inside {@code sync()} holds the durability thread while submissions pile up.
 */
class GroupCommitterTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    /** Records what the committer reports. */
    static final class Recorder implements GroupCommitter.Callbacks, CommitMetrics {
        final ConcurrentLinkedQueue<Long> durable = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<CommitMetrics.SyncStats> syncs = new ConcurrentLinkedQueue<>();
        final CountDownLatch failed = new CountDownLatch(1);
        volatile Throwable error;

        @Override
        public void onDurable(long highestSeq) {
            durable.add(highestSeq);
        }

        @Override
        public void onError(Throwable e) {
            error = e;
            failed.countDown();
        }

        @Override
        public void onSync(CommitMetrics.SyncStats stats) {
            syncs.add(stats);
        }
    }

    /** A log whose sync() waits for a permit, and can be told to fail. */
    static final class GatedWal implements WriteAheadLog {
        final WriteAheadLog inner;
        final Semaphore permits = new Semaphore(0);
        final CountDownLatch firstSyncEntered = new CountDownLatch(1);
        volatile int failOnSync = -1;
        int syncs;

        GatedWal(WriteAheadLog inner) {
            this.inner = inner;
        }

        @Override
        public Recovery recover() throws IOException {
            return inner.recover();
        }

        @Override
        public void append(byte[] record, boolean checkpoint) throws IOException {
            inner.append(record, checkpoint);
        }

        @Override
        public void appendAtomically(List<Entry> entries) throws IOException {
            inner.appendAtomically(entries);
        }

        @Override
        public void sync() throws IOException {
            firstSyncEntered.countDown();
            permits.acquireUninterruptibly();
            if (++syncs == failOnSync) {
                throw new IOException("simulated: No space left on device");
            }
            inner.sync();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    private static List<WriteAheadLog.Entry> unit(int i) {
        return List.of(new WriteAheadLog.Entry(payload(i), false));
    }

    private GatedWal gatedWal() throws IOException {
        GatedWal wal = new GatedWal(new SegmentedWal(dir, NO_FSYNC));
        wal.recover();
        return wal;
    }

    @Test
    void submissionsQueuedDuringAnFsyncShareTheNextOne() throws Exception {
        GatedWal wal = gatedWal();
        Recorder recorder = new Recorder();
        GroupCommitter committer = GroupCommitter.start(wal, recorder, recorder, "wal-test");
        committer.submit(1, unit(1));
        assertTrue(wal.firstSyncEntered.await(WAIT_SECONDS, TimeUnit.SECONDS));
        // Four "connections" feed one event loop; the lock stands for that loop's ordering.
        ReentrantLock eventLoop = new ReentrantLock();
        int[] nextSeq = {2};
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread producer = new Thread(() -> {
                for (int k = 0; k < 250; k++) {
                    eventLoop.lock();
                    try {
                        int seq = nextSeq[0]++;
                        committer.submit(seq, unit(seq));
                    } finally {
                        eventLoop.unlock();
                    }
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        assertEquals(1002, nextSeq[0]);
        wal.permits.release(2);
        committer.close();
        List<CommitMetrics.SyncStats> syncs = new ArrayList<>(recorder.syncs);
        System.out.println("syncs: " + syncs);
        assertEquals(2, syncs.size(), "1001 submissions, 2 fsyncs");
        assertEquals(1, syncs.get(0).submissions());
        assertEquals(1000, syncs.get(1).submissions());
        assertEquals(1000, syncs.get(1).records());
        assertEquals(List.of(1L, 1001L), new ArrayList<>(recorder.durable));
        assertRecords(payloads(1, 1002), WalFixtures.recover(dir, NO_FSYNC).records());
    }

    @Test
    void durableCallbackSeesIncreasingSeqsAndEverySubmissionIsKept() throws Exception {
        Recorder recorder = new Recorder();
        SegmentedWal wal = new SegmentedWal(dir, NO_FSYNC.withSegmentBytes(8192));
        wal.recover();
        GroupCommitter committer = GroupCommitter.start(wal, recorder, recorder, "wal-test");
        for (int seq = 1; seq <= 2000; seq++) {
            committer.submit(seq, seq % 3 == 0 ? List.of() : unit(seq));
        }
        committer.close();
        List<Long> durable = new ArrayList<>(recorder.durable);
        for (int i = 1; i < durable.size(); i++) {
            assertTrue(durable.get(i) > durable.get(i - 1), "not increasing at " + i + ": " + durable);
        }
        assertEquals(2000L, durable.get(durable.size() - 1));
        int submissions = recorder.syncs.stream().mapToInt(CommitMetrics.SyncStats::submissions).sum();
        assertEquals(2000, submissions);
        System.out.println("2000 submissions in " + durable.size() + " syncs");
        List<byte[]> expected = new ArrayList<>();
        for (int seq = 1; seq <= 2000; seq++) {
            if (seq % 3 != 0) {
                expected.add(payload(seq));
            }
        }
        assertRecords(expected, WalFixtures.recover(dir, NO_FSYNC).records());
    }

    @Test
    void anIoErrorIsReportedAndEveryLaterWriteRefused() throws Exception {
        GatedWal wal = gatedWal();
        wal.failOnSync = 2;
        Recorder recorder = new Recorder();
        GroupCommitter committer = GroupCommitter.start(wal, recorder, recorder, "wal-test");
        committer.submit(1, unit(1));
        assertTrue(wal.firstSyncEntered.await(WAIT_SECONDS, TimeUnit.SECONDS));
        committer.submit(2, unit(2));
        wal.permits.release(10);
        assertTrue(recorder.failed.await(WAIT_SECONDS, TimeUnit.SECONDS), "error reported");
        assertTrue(recorder.error.getMessage().contains("No space left"), recorder.error.toString());
        assertSame(recorder.error, committer.failure());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> committer.submit(3, unit(3)));
        assertSame(recorder.error, refused.getCause());
        committer.close();
        assertTrue(recorder.durable.stream().allMatch(seq -> seq < 2), "failed batch never reported durable: " + recorder.durable);
    }

    @Test
    void sequenceNumbersMustIncrease() throws Exception {
        Recorder recorder = new Recorder();
        GatedWal wal = gatedWal();
        GroupCommitter committer = GroupCommitter.start(wal, recorder, recorder, "wal-test");
        committer.submit(5, unit(5));
        assertThrows(IllegalArgumentException.class, () -> committer.submit(5, unit(5)));
        assertThrows(IllegalArgumentException.class, () -> committer.submit(4, unit(4)));
        wal.permits.release(10);
        committer.close();
        assertThrows(IllegalStateException.class, () -> committer.submit(6, unit(6)), "closed");
        assertEquals(List.of(5L), new ArrayList<>(recorder.durable));
    }
}
