package dev.lockstep.multipaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.SnapshotPolicy;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;

/**
 * Log compaction: after {@code snapshotEvery} applied slots the replica snapshots its state
 * machine, drops the covered (chosen) slots and persists a checkpoint; a replica that needs
 * compacted slots receives the snapshot (spec actions {@code InstallSnapshot} and
 * {@code HandleInstallSnapshotRequest}).
 */
class Snapshot {
    protected final PaxosContext ctx;
    protected final PaxosState st;
    private final SnapshotPolicy policy;

    Snapshot(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.policy = new SnapshotPolicy(ctx.tuning.snapshotEvery());
    }

    /** Takes a snapshot at the applied slot once enough slots were applied since the last one. */
    void maybeCompact() {
        long applied = st.appliedIndex();
        if (!policy.due(applied, st.log.snapshotSlot())) {
            return;
        }
        st.snapshotData = Bytes.wrap(st.machine.snapshotAtSlot(applied));
        st.log.compactTo(applied);
        ctx.coding.dropThrough(applied);
        ctx.durability.checkpoint();
    }

    /** Leader: the snapshot for follower {@code pos}, unless one went out within the retry time. */
    void maybeSend(int pos, FollowerProgress pr) {
        long now = ctx.replication.ticks();
        if (pr.lastSnapshotTick >= 0 && now - pr.lastSnapshotTick < ctx.catchUp.retryTicks()) {
            return;
        }
        pr.lastSnapshotTick = now;
        send(pos);
    }

    /** Spec {@code InstallSnapshot(i, j, lastSlot)} with our latest snapshot (it covers only chosen slots). */
    void send(int pos) {
        PaxosLog log = st.log;
        int mark = ctx.out.mark();
        ctx.out.send(ctx.members.at(pos), new InstallSnapshotRequest(st.promised, log.snapshotSlot(), log.snapshotBal(),
                st.snapshotData));
        ctx.tracer.installSnapshot(ctx.members.at(pos), log.snapshotSlot(), mark);
    }

    /**
     * Spec {@code HandleInstallSnapshotRequest(i, m)}: a snapshot past our commit index replaces
     * our log up to its slot and our state machine. Ignored by a leader (as catch-ups are), when
     * it is not past our commit index, or when its bytes do not decode.
     */
    void onInstallSnapshot(NodeId from, InstallSnapshotRequest m) {
        if (ctx.coding.coded() ? !installsCoded(m) : st.isLeader() || m.lastSlot() <= st.commitIndex) {
            return;
        }
        KvStateMachine restored = decode(m);
        if (restored == null) {
            return;
        }
        int mark = ctx.out.mark();
        st.log.installSnapshot(m.lastSlot(), m.lastBal());
        st.snapshotData = m.data();
        st.machine = restored;
        st.lastApplied = m.lastSlot();
        st.commitTo(Math.max(st.commitIndex, m.lastSlot()));
        ctx.coding.dropThrough(m.lastSlot());
        ctx.durability.forgetDurableFrom(1);
        ctx.durability.checkpoint();
        ctx.tracer.received("HandleInstallSnapshotRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }

    /**
     * RSPaxos: a replica may know slots chosen that it cannot execute because every peer that
     * held their shards compacted them; a snapshot past what it applied is then the way on, from
     * any replica (a snapshot covers chosen slots only). A leader steps down first: its waiting
     * clients learn that their outcome is unknown.
     */
    private boolean installsCoded(InstallSnapshotRequest m) {
        if (m.lastSlot() <= Math.max(st.appliedIndex(), st.log.snapshotSlot())) {
            return false;
        }
        if (st.role != dev.lockstep.common.Role.FOLLOWER) {
            ctx.leadership.stepDown();
        }
        return true;
    }

    private static KvStateMachine decode(InstallSnapshotRequest m) {
        if (m.lastSlot() < 1 || m.lastBal() < 1) {
            return null;
        }
        try {
            KvStateMachine.Restored restored = KvStateMachine.restore(m.data().unsafeArray());
            return restored.slot() == m.lastSlot() ? restored.machine() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
