package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.erasure.ShardRequests;
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
    private final ShardRequests requests;

    Reconstruction(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.requests = new ShardRequests(ctx.tuning.maxBatchEntries(), ctx.catchUp.retryTicks());
    }

    /** Execution waits at {@code slot}, and {@code slot..upTo} are chosen: ask for their shards. */
    void need(long slot, long upTo) {
        ShardRequests.Request r = requests.next(slot, upTo, ctx.members.others(), ctx.coding.dataShards());
        if (r == null) {
            return;
        }
        int mark = ctx.out.mark();
        ReconstructRequest request = new ReconstructRequest(st.promised, r.from(), r.count());
        for (int p : r.peers()) {
            ctx.out.send(ctx.members.at(p), request);
        }
        ctx.tracer.reconstruct(r.from(), r.to(), mark);
    }

    /** A tick: ask again when a request has gone unanswered for the retry time. */
    void tick() {
        if (requests.tick()) {
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
                ctx.coding.learned(slot, full, mine.shard().digest());
                gathered.remove(slot);
                rebuilt = true;
            }
        }
        ctx.tracer.received("HandleReconstructResponse", from, m, mark);
        if (rebuilt) {
            requests.progress();
            gathered.keySet().removeIf(s -> s <= st.appliedIndex());
            ctx.execution.applyCommitted();
        }
    }

    /** A restart forgets every request and shard gathered. */
    void clear() {
        gathered.clear();
        requests.clear();
    }
}
