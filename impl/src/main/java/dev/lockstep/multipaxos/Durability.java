package dev.lockstep.multipaxos;

import dev.lockstep.common.DurablePrefix;
import dev.lockstep.common.Role;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.multipaxos.PaxosRecord.Accepted;
import dev.lockstep.multipaxos.PaxosRecord.Checkpoint;
import dev.lockstep.multipaxos.PaxosRecord.Promise;
import java.util.List;

/**
 * The durable side of a replica: every change of {@code promised} or of the log goes through
 * here and becomes a {@link PaxosRecord} of the step's Persist (an acceptor's promise and its
 * accepted values must survive a crash: "Paxos Made Simple" §2.3); {@code Persisted} tells which
 * log prefix is durable (the leader counts its own acceptance only for that prefix); and
 * {@code Recover} rebuilds the durable state from the records (spec action {@code Restart}).
 */
class Durability {
    protected final PaxosContext ctx;
    protected final PaxosState st;
    private final DurablePrefix durablePrefix = new DurablePrefix();


    Durability(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    long durableSlot() {
        return durablePrefix.durable();
    }

    /** The promise as written to storage. Overridden only by a deliberately broken test variant. */
    protected long durablePromise(long promised) {
        return promised;
    }

    /** {@code promised} rose. */
    void promise() {
        ctx.out.persist(new Promise(durablePromise(st.promised)));
    }

    /** Appends {@code entry} at {@code Len + 1}; returns its slot. */
    long append(PaxosEntry entry) {
        long slot = st.log.len() + 1;
        st.log.write(slot, entry);
        ctx.out.persist(new Accepted(slot, List.of(entry)));
        return slot;
    }

    /** Writes {@code entries} at {@code first, first + 1, ...} (each with its own ballot). */
    void write(long first, List<PaxosEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (int k = 0; k < entries.size(); k++) {
            st.log.write(first + k, entries.get(k));
        }
        ctx.out.persist(new Accepted(first, entries));
        forgetDurableFrom(first);
    }

    /** Persists the whole durable state after a snapshot was taken or installed. */
    void checkpoint() {
        PaxosLog log = st.log;
        ctx.out.persist(new Checkpoint(durablePromise(st.promised), log.snapshotSlot(), log.snapshotBal(),
                st.snapshotData, log.entriesAfterSnapshot()));
    }

    /** Slots from {@code slot} on were rewritten: they are not durable until persisted again. */
    void forgetDurableFrom(long slot) {
        durablePrefix.forgetFrom(slot);
    }

    /** Called when the step's Persist is emitted: its sequence number. */
    long issuePersist() {
        return durablePrefix.issue(st.log.len());
    }

    /** The runtime made every Persist with {@code seq <= upTo} durable. */
    void onPersisted(long upTo) {
        if (durablePrefix.persisted(upTo)) {
            ctx.replication.advanceCommit();
        }
    }

    /**
     * Spec {@code Restart(i)}: rebuild the durable variables from the records that survived,
     * volatile ones from scratch; the commit index restarts at the snapshot's slot.
     */
    void recover(List<DurableRecord> records) {
        st.promised = 0;
        st.snapshotData = null;
        st.log.clear();
        ctx.coding.clear();
        ctx.reconstruction.clear();
        for (DurableRecord r : records) {
            replay(r);
        }
        KvStateMachine.Restored restored = st.snapshotData == null
                ? new KvStateMachine.Restored(new KvStateMachine(), KvStateMachine.slotCoverage(0))
                : KvStateMachine.restore(st.snapshotData.unsafeArray());
        st.machine = restored.machine();
        st.lastApplied = restored.slot();
        if (st.lastApplied != st.log.snapshotSlot()) {
            throw new IllegalStateException("snapshot covers slot " + st.lastApplied
                    + " but the checkpoint says " + st.log.snapshotSlot());
        }
        st.role = Role.FOLLOWER;
        st.commitIndex = st.log.snapshotSlot();
        st.promises = 0;
        st.recovered.clear();
        st.leaderHint = null;
        ctx.replication.stop();
        durablePrefix.recovered(st.log.len());
        ctx.leadership.onRestart();
        ctx.tracer.local("Restart", ctx.out.mark());
    }

    private void replay(DurableRecord record) {
        if (record instanceof Promise p) {
            st.promised = p.ballot();
        } else if (record instanceof Accepted a) {
            for (int k = 0; k < a.entries().size(); k++) {
                st.log.write(a.firstSlot() + k, a.entries().get(k));
            }
        } else if (record instanceof Checkpoint c) {
            st.promised = c.promised();
            st.snapshotData = c.snapshot();
            st.log.clear();
            if (c.snapshotSlot() > 0) {
                st.log.installSnapshot(c.snapshotSlot(), c.snapshotBal());
            }
            for (int k = 0; k < c.entries().size(); k++) {
                PaxosEntry e = c.entries().get(k);
                if (!e.isNone()) {
                    st.log.write(c.snapshotSlot() + 1 + k, e);
                }
            }
        } else {
            throw new IllegalArgumentException("not a MultiPaxos record: " + record);
        }
    }
}
