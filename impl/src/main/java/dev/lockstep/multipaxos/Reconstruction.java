package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructRequest;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RSPaxos's Reconstruct step (PROTOCOLS.md: "a follower cannot execute from its own shard"): a
 * replica that knows slots chosen but holds only a shard of their values asks every peer for the
 * shards it holds there, rebuilds each value from {@code d} distinct shards of it (its own
 * included) and executes it. The value of a chosen slot is known by the identity of the shard the
 * replica holds there (slots up to the commit index hold the chosen value); shards of any other
 * value are ignored. RSPaxos.tla's {@code CommittedRecoverable} is what makes this terminate: any
 * {@code q_r} replicas hold {@code d} shards of every committed value. A peer that compacted a
 * requested slot answers with its snapshot instead. Requests are resent while no progress is
 * made for half an election timeout. Unused by MultiPaxos (full copies need no rebuilding).
 */
class Reconstruction {
    protected final PaxosContext ctx;
    protected final PaxosState st;
    /** Shards gathered per slot, for slots above the applied index. */
    private final Map<Long, List<PaxosEntry>> gathered = new HashMap<>();
    /** The first and last slot of the outstanding request (0: none). */
    private long wantFrom;
    private long wantTo;
    private long ticks;
    private long sentTick = -1;
    /** The last request went unanswered for the retry time: the next one goes to every peer. */
    private boolean retrying;

    Reconstruction(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /**
     * Execution waits at {@code slot}, and {@code slot..upTo} are chosen: ask for their shards,
     * within a window of {@code maxBatchEntries} slots, leaving out slots a recent request already
     * asked for. A first request goes to d - 1 peers (with our own shard, exactly d), chosen by
     * slot so the load spreads; a request repeated after the retry time goes to every peer.
     */
    void need(long slot, long upTo) {
        boolean recent = sentTick >= 0 && ticks - sentTick < ctx.catchUp.retryTicks();
        long to = Math.min(upTo, slot + ctx.tuning.maxBatchEntries() - 1);
        boolean covered = recent && slot >= wantFrom && slot <= wantTo;
        long from = covered ? wantTo + 1 : slot;
        if (from > to) {
            return;
        }
        boolean everyone = !recent && retrying;
        if (!covered) {
            wantFrom = slot;
        }
        if (!recent) {
            sentTick = ticks;
        }
        wantTo = to;
        int mark = ctx.out.mark();
        ReconstructRequest request = new ReconstructRequest(st.promised, from, (int) (to - from + 1));
        int[] others = ctx.members.others();
        int asked = everyone ? others.length : Math.min(others.length, ctx.coding.dataShards() - 1);
        for (int k = 0; k < asked; k++) {
            ctx.out.send(ctx.members.at(others[(int) ((from + k) % others.length)]), request);
        }
        ctx.tracer.reconstruct(from, to, mark);
    }

    /** A tick: resend a request that has gone unanswered for the retry time. */
    void tick() {
        ticks++;
        if (sentTick >= 0 && ticks - sentTick >= ctx.catchUp.retryTicks()) {
            sentTick = -1;
            retrying = true;
            ctx.execution.applyCommitted();
        }
    }

    /** A peer asks for our shards: send what we hold, or our snapshot when we compacted the slots. */
    void onRequest(NodeId from, ReconstructRequest m) {
        if (m.slot() <= st.log.snapshotSlot()) {
            if (st.log.snapshotSlot() > 0 && st.snapshotData != null) {
                ctx.snapshot.send(ctx.members.posOf(from));
            }
            return;
        }
        long last = Math.min(st.log.len(), m.slot() + m.count() - 1);
        if (last < m.slot()) {
            return;
        }
        int mark = ctx.out.mark();
        ctx.out.send(from, new ReconstructResponse(st.promised, m.slot(), st.log.slice(m.slot(), (int) (last - m.slot() + 1))));
        ctx.tracer.received("HandleReconstructRequest", from, m, mark);
    }

    /** Shards from a peer: keep those of the values we know chosen, rebuild what we can, execute. */
    void onResponse(NodeId from, ReconstructResponse m) {
        int mark = ctx.out.mark();
        boolean rebuilt = false;
        for (int k = 0; k < m.entries().size(); k++) {
            long slot = m.slot() + k;
            if (slot <= st.appliedIndex() || slot > st.commitIndex || slot <= st.log.snapshotSlot()) {
                continue;
            }
            PaxosEntry mine = st.log.entry(slot);
            PaxosEntry theirs = m.entries().get(k);
            if (!mine.isCoded() || !theirs.isCoded() || !theirs.sameValue(mine)
                    || ctx.coding.fullValue(slot, mine) != null) {
                continue;
            }
            List<PaxosEntry> shards = gathered.computeIfAbsent(slot, s -> new ArrayList<>(List.of(mine)));
            shards.add(theirs);
            PaxosEntry full = ((ShardCoding) ctx.coding).rebuild(mine, shards);
            if (full != null) {
                ctx.coding.learned(slot, full);
                gathered.remove(slot);
                rebuilt = true;
            }
        }
        ctx.tracer.received("HandleReconstructResponse", from, m, mark);
        if (rebuilt) {
            retrying = false;
            if (sentTick >= 0) {
                sentTick = ticks; // progress: the retry time starts again
            }
            gathered.keySet().removeIf(s -> s <= st.appliedIndex());
            ctx.execution.applyCommitted();
        }
    }

    /** A restart forgets every request and shard gathered. */
    void clear() {
        gathered.clear();
        wantFrom = 0;
        wantTo = 0;
        sentTick = -1;
        retrying = false;
    }
}
