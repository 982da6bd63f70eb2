package dev.lockstep.epaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.base.Wire;
import dev.lockstep.kv.KvStateMachine;
import java.util.ArrayList;
import java.util.List;

/**
 * Checkpoints: every {@code snapshotEvery} executed instances, one record replaces the log of
 * records before it: a state machine snapshot whose coverage lists the instances it reflects
 * (per owner row, the executed prefix and the executed numbers above it) and every instance's
 * durable variables. Taken between steps, so it never splits a component (contract: a restart
 * keeps a prefix of {@code executed}). The instances {@link Forgetting} dropped are not in it:
 * the coverage holds, per row, the forgotten prefix, and the {@link ForgottenSummary}.
 */
class Snapshot {
    protected final EPaxosContext ctx;
    protected final EPaxosState st;

    Snapshot(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /**
     * A checkpoint is due after {@code snapshotEvery} executed instances, once the log written
     * since the last one is at least as long as the state machine has keys (times 1 + position /
     * members): a checkpoint costs O(keys) to write, from the replica's own loop, so this keeps
     * its cost per logged record bounded (with a million keys and batched instances,
     * checkpointing every 10,000 instances wrote the whole store every second), and the factor
     * keeps replicas, which execute the same instances, from pausing for it all at once.
     */
    void maybeCheckpoint() {
        int every = ctx.tuning.snapshotEvery();
        long keys = st.machine.store().size();
        long due = keys + keys * ctx.selfPos() / ctx.members.size();
        if (every > 0 && st.executedSinceCheckpoint >= every && st.recordsSinceCheckpoint >= due) {
            checkpoint();
        }
    }

    void checkpoint() {
        byte[] data = st.machine.snapshot(coverage());
        List<EPaxosRecord.InstanceState> all = new ArrayList<>();
        for (Instance x : st.space.all()) {
            if (x.hasCommand() || x.phase != Phase.NONE || x.bal != 0) {
                all.add(x.saved());
            }
        }
        ctx.out.persist(new EPaxosRecord.Checkpoint(Bytes.wrap(data), all));
        ctx.durability.checkpointed();
        st.executedSinceCheckpoint = 0;
        st.recordsSinceCheckpoint = 0;
    }

    /**
     * Which instances the state machine reflects: per row, the forgotten prefix, the executed
     * prefix and the executed numbers above it; then what is known of the forgotten instances.
     */
    private byte[] coverage() {
        Wire.Writer w = new Wire.Writer(64 + 8 * ctx.members.size() + 48 * st.known.keys());
        w.uvar(ctx.members.size());
        for (int p = 0; p < ctx.members.size(); p++) {
            w.uvar(ctx.members.at(p).value());
            w.uvar(st.space.forgotten(p));
            w.uvar(st.executedFloor[p]);
            List<Long> above = new ArrayList<>();
            for (Instance x : st.space.above(p, st.executedFloor[p])) {
                if (x.executed) {
                    above.add(x.id.num());
                }
            }
            w.uvar(above.size());
            above.forEach(w::uvar);
        }
        st.forgotten.write(w);
        return w.toByteArray();
    }

    /** Restores the state machine of a checkpoint and marks the instances it covers executed. */
    void restore(Bytes snapshot) {
        KvStateMachine.Restored r = KvStateMachine.restore(snapshot.unsafeArray());
        st.machine = r.machine();
        st.executedCount = 0;
        try {
            Wire.Reader in = new Wire.Reader(r.coverage());
            int rows = in.count();
            for (int k = 0; k < rows; k++) {
                NodeId owner = NodeId.of((int) in.uvar());
                long forgotten = in.uvar();
                long floor = in.uvar();
                int pos = ctx.posOf(owner);
                if (pos < 0 || forgotten > floor) {
                    throw new IllegalArgumentException("row of " + owner + " forgotten up to " + forgotten
                            + ", executed up to " + floor);
                }
                st.space.restoreForgotten(pos, forgotten);
                st.executedFloor[pos] = forgotten;
                st.executedCount += forgotten;
                for (long num = forgotten + 1; num <= floor; num++) {
                    markExecuted(new InstanceId(owner, num));
                }
                int extra = in.count();
                for (int e = 0; e < extra; e++) {
                    markExecuted(new InstanceId(owner, in.uvar()));
                }
            }
            st.forgotten.read(in);
            in.expectEnd();
        } catch (CodecException | IllegalArgumentException e) {
            throw new IllegalStateException("corrupt EPaxos checkpoint coverage: " + e.getMessage(), e);
        }
    }

    private void markExecuted(InstanceId id) {
        Instance x = st.space.find(id);
        if (x == null || !x.isCommitted()) {
            throw new IllegalStateException("checkpoint covers " + id + ", which it does not hold committed");
        }
        x.executed = true;
        st.executedCount++;
    }
}
