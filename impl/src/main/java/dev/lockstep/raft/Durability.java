package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.DurablePrefix;
import dev.lockstep.common.Role;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.raft.RaftRecord.Checkpoint;
import dev.lockstep.raft.RaftRecord.HardState;
import dev.lockstep.raft.RaftRecord.LogAppend;
import dev.lockstep.raft.RaftRecord.LogTruncate;
import java.util.List;

/**
 * The durable side of a replica: every change of {@code currentTerm}, {@code votedFor} or the
 * log goes through here and becomes a {@link RaftRecord} of the step's Persist; {@code Persisted}
 * tells which log prefix is durable (the leader counts itself only for that prefix); and
 * {@code Recover} rebuilds the durable state from the records (spec action {@code Restart}).
 */
class Durability {
    protected final RaftContext ctx;
    protected final RaftState st;
    private final DurablePrefix durablePrefix = new DurablePrefix();


    Durability(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    long durableIndex() {
        return durablePrefix.durable();
    }

    /** The vote as written to storage. Overridden only by a deliberately broken test variant. */
    protected NodeId durableVote(NodeId votedFor) {
        return votedFor;
    }

    void hardState() {
        ctx.out.persist(new HardState(st.currentTerm, durableVote(st.votedFor)));
    }

    /** Appends one entry at the end of the log; returns its index. */
    long append(LogEntry entry) {
        long index = st.log.lastIndex() + 1;
        st.log.append(entry);
        ctx.out.persist(new LogAppend(index, List.of(entry)));
        return index;
    }

    /** Appends {@code entries} at {@code firstIndex = lastIndex + 1}. */
    void appendAll(long firstIndex, List<LogEntry> entries) {
        for (LogEntry e : entries) {
            st.log.append(e);
        }
        ctx.out.persist(new LogAppend(firstIndex, entries));
    }

    void truncate(long fromIndex) {
        st.log.truncateFrom(fromIndex);
        ctx.out.persist(new LogTruncate(fromIndex));
        forgetDurableFrom(fromIndex);
    }

    /** Persists the whole durable state after a snapshot was taken or installed. */
    void checkpoint() {
        RaftLog log = st.log;
        ctx.out.persist(new Checkpoint(st.currentTerm, durableVote(st.votedFor), log.snapshotIndex(),
                log.snapshotTerm(), log.snapshotTermStart(), st.snapshotData, log.entriesAfter(log.snapshotIndex())));
    }

    /** The log was replaced from {@code fromIndex} on: nothing there is durable until re-persisted. */
    void forgetDurableFrom(long fromIndex) {
        durablePrefix.forgetFrom(fromIndex);
    }

    /** Called when the step's Persist is emitted: its sequence number. */
    long issuePersist() {
        return durablePrefix.issue(st.log.lastIndex());
    }

    /** The runtime made every Persist with {@code seq <= upTo} durable. */
    void onPersisted(long upTo) {
        if (durablePrefix.persisted(upTo)) {
            ctx.replication.advanceCommitIndex();
        }
    }

    /**
     * Spec {@code Restart(i)}: rebuild the durable variables from the records that survived,
     * volatile ones from scratch; commit and applied restart at the snapshot index.
     */
    void recover(List<DurableRecord> records) {
        st.currentTerm = 0;
        st.votedFor = null;
        st.snapshotData = null;
        st.log.resetTo(0, 0, 0);
        if (ctx.craft != null) {
            ctx.craft.clear();
        }
        for (DurableRecord r : records) {
            replay(r);
        }
        KvStateMachine.Restored restored = st.snapshotData == null
                ? new KvStateMachine.Restored(new KvStateMachine(), KvStateMachine.slotCoverage(0))
                : KvStateMachine.restore(st.snapshotData.unsafeArray());
        st.machine = restored.machine();
        st.lastApplied = restored.slot();
        if (st.lastApplied != st.log.snapshotIndex()) {
            throw new IllegalStateException("snapshot covers index " + st.lastApplied
                    + " but the checkpoint says " + st.log.snapshotIndex());
        }
        if (st.isLeader()) {
            ctx.leadership.stepDown();
        }
        st.role = Role.FOLLOWER;
        st.commitIndex = st.log.snapshotIndex();
        st.votesGranted = 0;
        st.leaderHint = null;
        java.util.Arrays.fill(st.matchIndex, 0);
        ctx.reads.clear();
        durablePrefix.recovered(st.log.lastIndex());
        ctx.leadership.onRestart();
        ctx.tracer.localVotes("Restart", ctx.out.mark());
    }

    private void replay(DurableRecord record) {
        if (record instanceof HardState h) {
            st.currentTerm = h.term();
            st.votedFor = h.votedFor();
        } else if (record instanceof LogTruncate t) {
            if (t.fromIndex() > st.log.snapshotIndex()) {
                st.log.truncateFrom(t.fromIndex());
            }
        } else if (record instanceof LogAppend a) {
            replayAppend(a);
        } else if (record instanceof Checkpoint c) {
            st.currentTerm = c.term();
            st.votedFor = c.votedFor();
            st.snapshotData = c.snapshot();
            st.log.resetTo(c.snapshotIndex(), c.snapshotTerm(), c.snapshotTermStart());
            for (LogEntry e : c.entries()) {
                st.log.append(e);
            }
        } else {
            throw new IllegalArgumentException("not a Raft record: " + record);
        }
    }

    private void replayAppend(LogAppend a) {
        RaftLog log = st.log;
        if (a.firstIndex() > log.lastIndex() + 1) {
            throw new IllegalStateException("log append at " + a.firstIndex() + " leaves a gap after " + log.lastIndex());
        }
        long index = a.firstIndex();
        for (LogEntry e : a.entries()) {
            if (index > log.snapshotIndex()) {
                if (index <= log.lastIndex()) {
                    log.truncateFrom(index);
                }
                log.append(e);
            }
            index++;
        }
    }
}
