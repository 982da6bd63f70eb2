package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.SnapshotPolicy;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;

/**
 * Log compaction (Raft §7): after {@code snapshotEvery} applied entries the replica snapshots
 * its state machine, drops the covered log prefix and persists a checkpoint; a follower that
 * needs compacted entries receives the snapshot (spec {@code HandleInstallSnapshotRequest}).
 */
class Snapshot {
    protected final RaftContext ctx;
    protected final RaftState st;
    private final SnapshotPolicy policy;

    Snapshot(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.policy = new SnapshotPolicy(ctx.tuning.snapshotEvery());
    }

    /** Takes a snapshot at the applied index once enough entries were applied since the last. */
    void maybeCompact() {
        long applied = st.appliedIndex();
        if (policy.due(applied, st.log.snapshotIndex())) {
            compactNow();
        }
    }

    /** A snapshot at the applied index now: when the policy says so, or when a recovering CRaft leader must. */
    void compactNow() {
        long applied = st.appliedIndex();
        if (applied <= st.log.snapshotIndex()) {
            return;
        }
        int mark = ctx.out.mark();
        st.snapshotData = Bytes.wrap(st.machine.snapshotAtSlot(applied));
        st.log.compactTo(applied);
        ctx.durability.checkpoint();
        if (ctx.craft != null) {
            // CRaft: the snapshot stands for full copies of the entries it covers (TraceCRaft.tla).
            ctx.craft.coding.dropThrough(applied);
            ctx.tracer.snapshotAt("Compact", applied, mark);
        }
    }

    /**
     * CRaft: a peer's snapshot at {@code index}, past what this replica executed, when its peers
     * compacted the shards it needs to execute (or, recovering as a new leader, to rebuild).
     * Installed when this replica's entry there has the snapshot's term (a snapshot covers
     * committed entries only, so the commit index rises to it); the log after it is kept.
     * Returns whether it was.
     */
    boolean installToExecute(long index, long term, Bytes data) {
        if (index <= st.appliedIndex() || index <= st.log.snapshotIndex() || index > st.log.lastIndex()
                || st.log.termAt(index) != term) {
            return false;
        }
        KvStateMachine.Restored restored;
        try {
            restored = KvStateMachine.restore(data.unsafeArray());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (restored.slot() != index) {
            return false;
        }
        st.machine = restored.machine();
        st.lastApplied = index;
        st.commitIndex = Math.max(st.commitIndex, index);
        st.snapshotData = data;
        int mark = ctx.out.mark();
        st.log.compactTo(index);
        ctx.durability.checkpoint();
        if (ctx.craft != null) {
            ctx.craft.coding.dropThrough(index);
            ctx.tracer.snapshotAt("InstallCommitted", index, mark);
        }
        return true;
    }

    /**
     * Spec {@code HandleInstallSnapshotRequest(i, m)}. A snapshot this replica already covers
     * is acknowledged with its commit index; a snapshot whose last entry is in its log only
     * moves its commit index (the log is kept); otherwise the replica's log becomes the
     * leader's prefix and its state machine the snapshot. A request whose snapshot bytes do not
     * decode is ignored.
     */
    void onInstallSnapshot(NodeId from, InstallSnapshotRequest m) {
        int mark = ctx.out.mark();
        if (m.term() < st.currentTerm) {
            ctx.out.send(from, new AppendEntriesResponse(st.currentTerm, false, 0, 0, 0));
            ctx.tracer.received("HandleInstallSnapshotRequest", from, m, mark);
            return;
        }
        KvStateMachine restored = null;
        boolean replace = m.lastIndex() > st.commitIndex && st.log.termAt(m.lastIndex()) != m.lastTerm();
        if (replace) {
            restored = decode(m);
            if (restored == null) {
                return;
            }
        }
        ctx.leadership.onLeaderContact(from);
        long match = st.commitIndex;
        if (m.lastIndex() > st.commitIndex) {
            if (replace) {
                install(m, restored);
            }
            st.commitIndex = m.lastIndex();
            match = m.lastIndex();
        }
        ctx.out.send(from, new AppendEntriesResponse(st.currentTerm, true, match, 0, 0));
        ctx.tracer.received("HandleInstallSnapshotRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }

    private static KvStateMachine decode(InstallSnapshotRequest m) {
        if (m.lastIndex() < 1 || m.lastTerm() < 1 || m.lastTermStart() < 1 || m.lastTermStart() > m.lastIndex()) {
            return null;
        }
        try {
            KvStateMachine.Restored restored = KvStateMachine.restore(m.data().unsafeArray());
            return restored.slot() == m.lastIndex() ? restored.machine() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void install(InstallSnapshotRequest m, KvStateMachine restored) {
        st.log.resetTo(m.lastIndex(), m.lastTerm(), m.lastTermStart());
        st.snapshotData = m.data();
        st.machine = restored;
        st.lastApplied = m.lastIndex();
        ctx.durability.forgetDurableFrom(1);
        ctx.durability.checkpoint();
    }
}
