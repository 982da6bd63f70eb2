package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Catch-up of chosen slots for lagging replicas ("Paxos Made Moderately Complex" §4, state
 * transfer): a leader re-proposes only the slots above its commit index, so a follower that lacks
 * a slot chosen before this ballot (it missed it, or restarted and forgot it was chosen) gets the
 * chosen value as it stands in the leader's log: spec actions {@code CatchUp} and
 * {@code HandleCatchUpRequest}. The leader uses the commit index the follower reports in its
 * answers; catch-ups are pipelined (up to {@code maxInflight} batches ahead) and, having no
 * answer, resent when the follower's commit index has not moved for half an election timeout.
 */
class CatchUp {
    protected final PaxosContext ctx;
    protected final PaxosState st;

    CatchUp(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** Leader, after hearing from follower {@code pos}: send what it lacks below the ballot, or the snapshot. */
    void maybeSend(int pos, FollowerProgress pr) {
        if (pr.reportedCommit < 0) {
            return;
        }
        long first = ctx.replication.firstSlot();
        long missing = pr.firstMissing(first);
        if (missing > st.commitIndex) {
            return;
        }
        if (missing <= st.log.snapshotSlot()) {
            ctx.snapshot.maybeSend(pos, pr);
            return;
        }
        if (missing >= first) {
            return; // slots of our ballot travel as accepts
        }
        long now = ctx.replication.ticks();
        boolean retry = pr.lastCatchUpTick < 0 || now - pr.lastCatchUpTick >= retryTicks();
        long from = retry ? missing : Math.max(missing, pr.catchUpNext);
        long window = (long) ctx.tuning.maxBatchEntries() * ctx.tuning.maxInflight();
        long end = Math.min(Math.min(st.commitIndex, first - 1), missing + window - 1);
        if (from > end) {
            return;
        }
        while (from <= end) {
            int count = (int) Math.min(ctx.tuning.maxBatchEntries(), end - from + 1);
            send(pos, from, count);
            from += count;
        }
        pr.catchUpNext = end + 1;
        pr.lastCatchUpTick = now;
    }

    /** Spec {@code CatchUp(i, j, slot, count)}: chosen slots with their ballots as in our log. */
    private void send(int pos, long slot, int count) {
        int mark = ctx.out.mark();
        ctx.out.send(ctx.members.at(pos), new CatchUpRequest(st.promised, slot,
                ctx.coding.forCatchUp(slot, st.log.slice(slot, count), pos)));
        ctx.tracer.accept("CatchUp", ctx.members.at(pos), slot, count, mark);
    }

    private List<PaxosEntry> caughtUp(CatchUpRequest m) {
        if (!ctx.coding.coded()) {
            return m.entries();
        }
        List<PaxosEntry> entries = new ArrayList<>(m.entries().size());
        for (int k = 0; k < m.entries().size(); k++) {
            long slot = m.slot() + k;
            PaxosEntry mine = slot <= st.log.len() && slot > st.log.snapshotSlot() ? st.log.entry(slot) : PaxosEntry.NONE;
            entries.add(ctx.coding.caughtUp(mine, m.entries().get(k)));
        }
        return entries;
    }

    int retryTicks() {
        return Math.max(2, ctx.tuning.electionTicksMin() / 2);
    }

    /**
     * Spec {@code HandleCatchUpRequest(i, m)}: write the chosen values as they are; the commit
     * index extends over them when they continue it. A leader ignores catch-ups (its commit index
     * comes from its own quorum and every slot of its ballot must keep its ballot), and so does a
     * replica that already knows every slot of the message chosen.
     */
    void onCatchUp(NodeId from, CatchUpRequest m) {
        long last = m.slot() + m.entries().size() - 1;
        if (st.isLeader() || m.entries().isEmpty() || m.slot() < 1 || last <= st.commitIndex) {
            return;
        }
        int mark = ctx.out.mark();
        ctx.durability.write(m.slot(), caughtUp(m));
        if (m.slot() <= st.commitIndex + 1) {
            st.commitTo(last);
        }
        ctx.tracer.received("HandleCatchUpRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }
}
