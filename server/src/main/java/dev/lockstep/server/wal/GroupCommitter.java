package dev.lockstep.server.wal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Group commit: owns a recovered {@link WriteAheadLog} on a dedicated durability thread. The
 * replica's event loop {@link #submit}s each {@code Effect.Persist} without blocking; the thread
 * drains everything queued, appends it (each submission as one atomic unit), makes it durable
 * with ONE {@link WriteAheadLog#sync()}, and reports the highest persist sequence number through
 * {@link Callbacks#onDurable(long)}. While one fsync runs, later submissions queue up and share
 * the next one: that is the throughput lever.
 *
 * <p>An error (disk full, I/O error, a failing callback) is reported once through
 * {@link Callbacks#onError(Throwable)}; from then on the committer refuses every submission,
 * because a replica must not run on without durability. Queued submissions are then never
 * reported durable.
 */
public final class GroupCommitter implements AutoCloseable {

    /** Where the durability thread reports; both are called on that thread. */
    public interface Callbacks {
        /** Every submission with {@code persistSeq <= highestSeq} is durable. */
        void onDurable(long highestSeq);

        /** The log failed; the committer has stopped and refuses further submissions. */
        void onError(Throwable error);
    }

    /** One submitted persist: its sequence number and its records, one atomic unit. */
    private record Submission(long persistSeq, List<WriteAheadLog.Entry> entries) {}

    private final WriteAheadLog wal;
    private final Callbacks callbacks;
    private final CommitMetrics metrics;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private List<Submission> queue = new ArrayList<>();
    private long lastSubmittedSeq = Long.MIN_VALUE;
    private long queuedBytes;
    private Throwable failure;
    private boolean closed;
    private final Thread thread;

    private GroupCommitter(WriteAheadLog wal, Callbacks callbacks, CommitMetrics metrics,
            LongSupplier nanoTime, String threadName) {
        this.wal = Objects.requireNonNull(wal, "wal");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.thread = new Thread(this::run, threadName);
    }

    /**
     * Starts the durability thread. {@code wal} must already be recovered; from now on only that
     * thread touches it.
     */
    public static GroupCommitter start(WriteAheadLog wal, Callbacks callbacks, CommitMetrics metrics,
            String threadName) {
        return start(wal, callbacks, metrics, System::nanoTime, threadName);
    }

    /** As {@link #start(WriteAheadLog, Callbacks, CommitMetrics, String)} with a given clock for metrics. */
    public static GroupCommitter start(WriteAheadLog wal, Callbacks callbacks, CommitMetrics metrics,
            LongSupplier nanoTime, String threadName) {
        GroupCommitter committer = new GroupCommitter(wal, callbacks, metrics, nanoTime, threadName);
        committer.thread.setDaemon(true);
        committer.thread.start();
        return committer;
    }

    /**
     * Queues one persist; never blocks on I/O. Sequence numbers must strictly increase across
     * calls (call from one thread, the replica's event loop, or serialize the calls).
     *
     * @throws IllegalStateException if the committer failed or was closed
     * @throws IllegalArgumentException if {@code persistSeq} does not increase
     */
    public void submit(long persistSeq, List<WriteAheadLog.Entry> entries) {
        List<WriteAheadLog.Entry> copy = List.copyOf(entries);
        lock.lock();
        try {
            if (failure != null) {
                throw new IllegalStateException("write-ahead log failed; refusing writes", failure);
            }
            if (closed) {
                throw new IllegalStateException("group committer is closed");
            }
            if (persistSeq <= lastSubmittedSeq) {
                throw new IllegalArgumentException("persistSeq " + persistSeq
                        + " does not increase (last " + lastSubmittedSeq + ")");
            }
            lastSubmittedSeq = persistSeq;
            queue.add(new Submission(persistSeq, copy));
            queuedBytes += payloadBytes(copy);
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Payload bytes submitted but not yet durable: a runtime can apply backpressure on it. */
    public long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** The error that stopped the committer, or null while it is healthy. */
    public Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        List<Submission> batch;
        while ((batch = takeBatch()) != null) {
            try {
                commit(batch);
            } catch (Throwable e) {
                fail(e);
                return;
            }
        }
    }

    /** Waits for work; returns everything queued, or null once closed and drained. */
    private List<Submission> takeBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.awaitUninterruptibly();
            }
            if (queue.isEmpty() || failure != null) {
                return null;
            }
            List<Submission> batch = queue;
            queue = new ArrayList<>();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Appends the batch, makes it durable with one sync, then reports it. */
    private void commit(List<Submission> batch) throws IOException {
        long start = nanoTime.getAsLong();
        int records = 0;
        long bytes = 0;
        for (Submission submission : batch) {
            wal.appendAtomically(submission.entries());
            records += submission.entries().size();
            bytes += payloadBytes(submission.entries());
        }
        long appended = nanoTime.getAsLong();
        wal.sync();
        long synced = nanoTime.getAsLong();
        long highestSeq = batch.get(batch.size() - 1).persistSeq();
        lock.lock();
        try {
            queuedBytes -= bytes;
        } finally {
            lock.unlock();
        }
        metrics.onSync(new CommitMetrics.SyncStats(
                batch.size(), records, bytes, appended - start, synced - appended, highestSeq));
        callbacks.onDurable(highestSeq);
    }

    private void fail(Throwable error) {
        lock.lock();
        try {
            failure = error;
            queue = new ArrayList<>();
            queuedBytes = 0;
        } finally {
            lock.unlock();
        }
        callbacks.onError(error);
    }

    private static long payloadBytes(List<WriteAheadLog.Entry> entries) {
        long bytes = 0;
        for (WriteAheadLog.Entry entry : entries) {
            bytes += entry.payload().length;
        }
        return bytes;
    }

    /**
     * Stops accepting submissions, lets the thread make everything already queued durable (unless
     * it failed), waits for it, then closes the log. Must not be called from a callback.
     */
    @Override
    public void close() throws IOException {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("close() called on the durability thread (from a callback)");
        }
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        joinUninterruptibly();
        wal.close();
    }

    /** Waits for the durability thread; an interrupt is kept for the caller, not lost. */
    private void joinUninterruptibly() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
