package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.erasure.Shard;
import dev.lockstep.raft.RaftMessage.FetchShardsRequest;
import dev.lockstep.raft.RaftMessage.FetchShardsResponse;
import dev.lockstep.raft.RaftMessage.IndexedEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CRaft's execution of entries held as shards (PROTOCOLS.md: "a follower cannot execute from its
 * own shard"): a replica that must execute committed entries it holds as shards asks d - 1 peers
 * (every peer once a request went unanswered for half an election timeout) for what they hold of
 * them, rebuilds each from d distinct shards (its own included, matched by term and digest) or
 * takes a full copy, and executes. A peer that compacted the entries answers with its snapshot,
 * which the replica installs when it is past what it executed. Not in CRaft.tla (no spec state
 * changes); its outcome is: executed values are the committed ones.
 */
final class CRaftFetch {
    private final RaftContext ctx;
    private final RaftState st;
    private final CRaft craft;
    private final Map<Long, List<Shard>> gathered = new HashMap<>();
    private long wantFrom;
    private long wantTo;
    private long ticks;
    private long sentTick = -1;
    private boolean retrying;

    CRaftFetch(RaftContext ctx, CRaft craft) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.craft = craft;
    }

    private int retryTicks() {
        return Math.max(2, ctx.tuning.electionTicksMin() / 2);
    }

    /** Execution waits at {@code index}; {@code index..upTo} are committed. */
    void need(long index, long upTo) {
        boolean recent = sentTick >= 0 && ticks - sentTick < retryTicks();
        long to = Math.min(upTo, index + ctx.tuning.maxBatchEntries() - 1);
        boolean covered = recent && index >= wantFrom && index <= wantTo;
        long from = covered ? wantTo + 1 : index;
        if (from > to) {
            return;
        }
        boolean everyone = !recent && retrying;
        if (!covered) {
            wantFrom = index;
        }
        if (!recent) {
            sentTick = ticks;
        }
        wantTo = to;
        int mark = ctx.out.mark();
        FetchShardsRequest request = new FetchShardsRequest(st.currentTerm, from, (int) (to - from + 1));
        int[] others = ctx.members.others();
        int asked = everyone ? others.length : Math.min(others.length, craft.coding.dataShards() - 1);
        for (int k = 0; k < asked; k++) {
            ctx.out.send(ctx.members.at(others[(int) ((from + k) % others.length)]), request);
        }
        ctx.tracer.local("FetchShards", mark);
    }

    void tick() {
        ticks++;
        if (sentTick >= 0 && ticks - sentTick >= retryTicks()) {
            sentTick = -1;
            retrying = true;
            ctx.execution.applyCommitted();
        }
    }

    /** A peer asks: send what we hold of the entries, and our snapshot if we compacted some. */
    void onRequest(NodeId from, FetchShardsRequest m) {
        int mark = ctx.out.mark();
        List<IndexedEntry> held = new ArrayList<>();
        long last = Math.min(st.log.lastIndex(), m.firstIndex() + m.count() - 1);
        for (long i = Math.max(m.firstIndex(), st.log.snapshotIndex() + 1); i <= last; i++) {
            held.add(new IndexedEntry(i, st.log.entry(i)));
        }
        boolean compacted = m.firstIndex() <= st.log.snapshotIndex() && st.snapshotData != null;
        ctx.out.send(from, new FetchShardsResponse(st.currentTerm, held,
                compacted ? st.log.snapshotIndex() : 0, compacted ? st.log.snapshotTerm() : 0,
                compacted ? st.snapshotData : Bytes.EMPTY));
        ctx.tracer.received("HandleFetchShardsRequest", from, m, mark);
    }

    /** Shards or full copies from a peer: rebuild what we can and execute. */
    void onResponse(NodeId from, FetchShardsResponse m) {
        boolean progress = false;
        if (m.snapshotIndex() > st.appliedIndex()) {
            progress = ctx.snapshot.installToExecute(m.snapshotIndex(), m.snapshotTerm(), m.data());
        }
        for (IndexedEntry ie : m.entries()) {
            long i = ie.index();
            if (i <= st.appliedIndex() || i > st.commitIndex || i <= st.log.snapshotIndex() || i > st.log.lastIndex()) {
                continue;
            }
            LogEntry mine = st.log.entry(i);
            if (mine.term() != ie.entry().term() || craft.coding.fullValue(i, mine) != null) {
                continue;
            }
            LogEntry full = ie.entry().isCoded() ? null : ie.entry();
            if (full == null) {
                List<Shard> shards = gathered.computeIfAbsent(i, k -> new ArrayList<>(List.of(mine.shard())));
                shards.add(ie.entry().shard());
                full = craft.coding.rebuild(mine, shards);
            }
            if (full != null) {
                craft.coding.learned(i, full);
                gathered.remove(i);
                progress = true;
            }
        }
        if (progress) {
            retrying = false;
            if (sentTick >= 0) {
                sentTick = ticks;
            }
            gathered.keySet().removeIf(i -> i <= st.appliedIndex());
            ctx.execution.applyCommitted();
        }
    }

    void clear() {
        gathered.clear();
        wantFrom = 0;
        wantTo = 0;
        sentTick = -1;
        retrying = false;
    }
}
