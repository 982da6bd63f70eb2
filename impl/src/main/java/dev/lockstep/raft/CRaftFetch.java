package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.erasure.Shard;
import dev.lockstep.common.erasure.ShardRequests;
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
    private final ShardRequests requests;

    CRaftFetch(RaftContext ctx, CRaft craft) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.craft = craft;
        this.requests = new ShardRequests(ctx.tuning.maxBatchEntries(), Math.max(2, ctx.tuning.electionTicksMin() / 2));
    }

    /** Execution waits at {@code index}; {@code index..upTo} are committed: ask for their shards. */
    void need(long index, long upTo) {
        ShardRequests.Request r = requests.next(index, upTo, ctx.members.others(), craft.coding.dataShards());
        if (r == null) {
            return;
        }
        int mark = ctx.out.mark();
        FetchShardsRequest request = new FetchShardsRequest(st.currentTerm, r.from(), r.count());
        for (int p : r.peers()) {
            ctx.out.send(ctx.members.at(p), request);
        }
        ctx.tracer.local("FetchShards", mark);
    }

    void tick() {
        if (requests.tick()) {
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
                craft.coding.learned(i, full, mine.shard().digest());
                gathered.remove(i);
                progress = true;
            }
        }
        if (progress) {
            requests.progress();
            gathered.keySet().removeIf(i -> i <= st.appliedIndex());
            ctx.execution.applyCommitted();
        }
    }

    void clear() {
        gathered.clear();
        requests.clear();
    }
}
