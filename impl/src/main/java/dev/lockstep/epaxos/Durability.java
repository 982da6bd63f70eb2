package dev.lockstep.epaxos;

import dev.lockstep.core.DurableRecord;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.SessionTable;
import java.util.List;
import java.util.TreeMap;

/**
 * The durable side of a replica: every change of an instance's durable variables (a promise, an
 * acceptance, a commit, a validation) becomes one {@link EPaxosRecord.InstanceState} in the
 * step's Persist, which the runtime makes durable before any later effect of the step: a replica
 * answers, sends and replies only about what is on disk (EPaxos §4.7: "every replica must
 * persist its state before replying"). {@code Recover} rebuilds the durable state from the
 * records (spec action {@code Restart}); everything volatile starts afresh and committed
 * instances the last snapshot does not cover are executed again.
 */
class Durability {
    protected final EPaxosContext ctx;
    protected final EPaxosState st;
    private final TreeMap<InstanceId, Instance> dirty = new TreeMap<>();
    private long persistSeq;

    Durability(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** {@code x}'s durable variables changed in this step. */
    void changed(Instance x) {
        dirty.put(x.id, x);
        if (x.isCommitted()) {
            st.committedTouchedThisStep.add(x);
        }
    }

    /** At the end of a step: one record per changed instance, in instance order. */
    void writeDirty() {
        for (Instance x : dirty.values()) {
            ctx.out.persist(saved(x));
        }
        st.recordsSinceCheckpoint += dirty.size();
        dirty.clear();
    }

    /** What is written for {@code x}. Overridden only by a deliberately broken test variant. */
    protected EPaxosRecord.InstanceState saved(Instance x) {
        return x.saved();
    }

    /** A checkpoint holding every instance was queued: nothing else needs writing. */
    void checkpointed() {
        dirty.clear();
    }

    long issuePersist() {
        return ++persistSeq;
    }

    /** Spec {@code Restart(p)}: the durable variables from the records, the rest from scratch. */
    void recover(List<DurableRecord> records) {
        st.space.clear();
        st.known.clear();
        st.forgotten.clear();
        st.unsettled.clear();
        st.waitingNotices.clear();
        st.machine = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        st.executedCount = 0;
        st.executedSinceCheckpoint = 0;
        st.recordsSinceCheckpoint = 0;
        java.util.Arrays.fill(st.executedFloor, 0);
        ctx.proposals.reset();
        ctx.execution.reset();
        for (DurableRecord r : records) {
            replay(r);
        }
        rebuild();
        dirty.clear();
        ctx.tracer.restart(ctx.out.mark());
    }

    private void replay(DurableRecord record) {
        switch (record) {
            case EPaxosRecord.InstanceState s -> st.space.get(s.id()).restore(s);
            case EPaxosRecord.Checkpoint c -> {
                st.space.clear();
                for (EPaxosRecord.InstanceState s : c.instances()) {
                    st.space.get(s.id()).restore(s);
                }
                ctx.snapshot.restore(c.snapshot());
            }
            default -> throw new IllegalArgumentException("not an EPaxos record: " + record);
        }
    }

    /** The volatile state that follows from the durable one. */
    private void rebuild() {
        st.next = st.space.highest(ctx.selfPos()) + 1;
        for (Instance x : st.space.all()) {
            if (x.hasCommand()) {
                ctx.replication.remember(x);
            }
            if (x.isCommitted()) {
                st.committedTouchedThisStep.add(x);
            }
            if (x.executed) {
                ctx.execution.noteExecuted(x);
            }
            if (x.isCommitted() && !x.executed) {
                ctx.execution.committed(x);
            } else if (!x.isCommitted() && x.hasCommand()) {
                st.unsettled.add(x.id);
            }
        }
        for (int p = 0; p < ctx.members.size(); p++) {
            ctx.execution.advanceFloor(p);
        }
    }
}
