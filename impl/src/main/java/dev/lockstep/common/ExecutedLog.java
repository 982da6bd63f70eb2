package dev.lockstep.common;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;

/**
 * A replica's log whose entries are executed in the step that appends them, with no order to
 * agree on first (RepNothing's one copy, SimplePush's own log): positions {@code 1..length()},
 * the state machine after all of them, and the last snapshot, which covers a prefix. The log's
 * entries themselves live only in durable records ({@link LogRecord}): a restart rebuilds
 * everything from the last checkpoint and the entries after it ({@link #recover}).
 */
public final class ExecutedLog {
    private long length;
    private long applied;
    private KvStateMachine machine = new KvStateMachine();
    private long snapshotAt;
    private Bytes snapshot;

    /** Positions {@code 1..length()} are logged. */
    public long length() {
        return length;
    }

    /** Positions {@code 1..applied()} are executed. */
    public long applied() {
        return applied;
    }

    public KvStateMachine machine() {
        return machine;
    }

    /** The position the last snapshot covers (0: none). */
    public long snapshotAt() {
        return snapshotAt;
    }

    /** The last snapshot's bytes, or null. */
    public Bytes snapshot() {
        return snapshot;
    }

    /** A new entry's position, one past the end. */
    public long append() {
        return ++length;
    }

    /** Executes the entry at {@code position}, the next one to run; the state machine runs a retry once. */
    public Result execute(long position, RequestId id, dev.lockstep.kv.Command command) {
        if (position != applied + 1 || position > length) {
            throw new IllegalStateException("execute position " + position + " with " + applied + " of " + length
                    + " executed");
        }
        applied = position;
        return machine.apply(id, command);
    }

    /** Takes a snapshot of everything executed; returns its bytes (covering {@link #applied()}). */
    public Bytes takeSnapshot() {
        snapshot = Bytes.wrap(machine.snapshotAtSlot(applied));
        snapshotAt = applied;
        return snapshot;
    }

    /**
     * A restart: the log and state machine from the records that survived (the last checkpoint
     * and every entry after it, executed again without answers: no client waits for them).
     *
     * @throws IllegalStateException when the records are not a log (a gap, a snapshot of another
     *     position): a replica must not run on a corrupt log
     */
    public void recover(java.util.List<dev.lockstep.core.DurableRecord> records) {
        reset();
        for (dev.lockstep.core.DurableRecord r : records) {
            switch ((LogRecord) r) {
                case LogRecord.Checkpoint c -> restore(c.position(), c.snapshot());
                case LogRecord.Append a -> replay(a.position(), a.entry().id(), a.entry().command());
            }
        }
    }

    /** The record that persists the last snapshot. */
    public LogRecord.Checkpoint checkpoint() {
        return new LogRecord.Checkpoint(snapshotAt, snapshot);
    }

    /** Back to the empty log. */
    private void reset() {
        length = 0;
        applied = 0;
        machine = new KvStateMachine();
        snapshotAt = 0;
        snapshot = null;
    }

    /** A durable checkpoint at {@code position}: the state machine is its snapshot. */
    private void restore(long position, Bytes bytes) {
        KvStateMachine.Restored restored = KvStateMachine.restore(bytes.unsafeArray());
        if (restored.slot() != position) {
            throw new IllegalStateException("checkpoint at " + position + " holds a snapshot of " + restored.slot());
        }
        machine = restored.machine();
        length = position;
        applied = position;
        snapshotAt = position;
        snapshot = bytes;
    }

    /** A durable entry after the last checkpoint, executed again; entries the checkpoint covers are skipped. */
    private void replay(long position, RequestId id, dev.lockstep.kv.Command command) {
        if (position <= snapshotAt) {
            return;
        }
        if (position != length + 1) {
            throw new IllegalStateException("log entry at " + position + " after position " + length);
        }
        length = position;
        execute(position, id, command);
    }
}
