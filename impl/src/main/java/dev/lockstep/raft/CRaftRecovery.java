package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.erasure.Shard;
import dev.lockstep.raft.RaftMessage.IndexedEntry;
import dev.lockstep.raft.RaftMessage.ReconstructRequest;
import dev.lockstep.raft.RaftMessage.ReconstructResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CRaft's recovery by a new leader (CRaft.tla {@code BecomeLeader}, {@code
 * HandleReconstructRequest}, {@code Recover}; [CRaft] §3): elected, a candidate may hold only its
 * own shard of some entries, and it must hold every value of its log before it can replicate. It
 * asks every replica for what it holds of those entries (naming each entry's term); each answer,
 * given in the new term, also makes the answering replica a follower of it. With d distinct shards
 * of an entry (its own included) it rebuilds the value. It becomes leader once every value is
 * rebuilt, or once q_r replicas (itself included) answered: then it truncates its log before the
 * first entry it could not rebuild, which cannot have been committed (CRaft.tla's
 * {@code CommittedRecoverable}: any q_r replicas hold d shards of every committed entry). Requests
 * are sent again every heartbeat interval until then; an election timeout starts a new election.
 */
final class CRaftRecovery {
    private final RaftContext ctx;
    private final RaftState st;
    private final CRaft craft;
    private boolean recovering;
    /** Indexes whose values are missing, with the shards gathered for each. */
    private final Map<Long, List<Shard>> missing = new HashMap<>();
    private long answered;
    private int sinceSent;

    CRaftRecovery(RaftContext ctx, CRaft craft) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.craft = craft;
    }

    boolean recovering() {
        return recovering;
    }

    /** CRaft.tla {@code BecomeLeader}: won the election; recover first (done at once if nothing is missing). */
    void start() {
        recovering = true;
        missing.clear();
        answered = CRaft.bit(ctx.members.selfPos());
        for (long i = st.log.snapshotIndex() + 1; i <= st.appliedIndex(); i++) {
            if (st.log.entry(i).isCoded()) {
                // Executed but held as a shard, perhaps compacted by every peer (which then has no
                // shard of it to send): a snapshot at the applied index stands for those entries
                // (TraceCRaft.tla's Compact; lagging followers get the snapshot instead).
                ctx.snapshot.compactNow();
                break;
            }
        }
        for (long i = st.log.snapshotIndex() + 1; i <= st.log.lastIndex(); i++) {
            LogEntry e = st.log.entry(i);
            if (!e.isCoded()) {
                continue;
            }
            // A shard is missing its value even if this replica happens to hold the value in
            // memory: CRaft.tla's Recover rebuilds from shards only (a value in memory is no
            // evidence the trace validator can check), so the rule stays the spec's.
            List<Shard> own = new ArrayList<>(List.of(e.shard()));
            LogEntry full = craft.shardsToRebuild() <= 1 ? craft.coding.rebuild(e, own) : null;
            if (full != null) {
                craft.coding.learned(i, full, e.shard().digest()); // d = 1 (one replica): its own shard is the value
            } else {
                missing.put(i, own);
            }
        }
        int mark = ctx.out.mark();
        sendRequests();
        ctx.tracer.localVotes("BecomeLeader", mark);
        maybeFinish();
    }

    /**
     * CRaft.tla {@code ReconstructRequests(i)}, from the first missing entry on (the spec names
     * every entry; the ones before hold their values already). Sent also when nothing is missing
     * (then naming no entry): it tells every replica at once that this term has a leader.
     */
    private void sendRequests() {
        sinceSent = 0;
        long first = missing.keySet().stream().min(Long::compare).orElse(st.log.lastIndex() + 1);
        List<Long> terms = new ArrayList<>();
        for (long i = first; i <= st.log.lastIndex(); i++) {
            terms.add(st.log.termAt(i));
        }
        ReconstructRequest request = new ReconstructRequest(st.currentTerm, first, terms);
        for (int p : ctx.members.others()) {
            ctx.out.send(ctx.members.at(p), request);
        }
    }

    /** Heartbeat ticks while recovering: ask again. */
    void tick() {
        if (recovering && ++sinceSent >= ctx.tuning.heartbeatTicks()) {
            int mark = ctx.out.mark();
            sendRequests();
            ctx.tracer.local("ResendReconstruct", mark);
        }
    }

    /** CRaft.tla {@code HandleReconstructRequest(i, m)}: answer the leader of our term with what we hold. */
    void onRequest(NodeId from, ReconstructRequest m) {
        if (m.term() != st.currentTerm) {
            return;
        }
        int mark = ctx.out.mark();
        ctx.leadership.onLeaderContact(from);
        List<IndexedEntry> held = new ArrayList<>();
        for (int k = 0; k < m.terms().size(); k++) {
            long index = m.firstIndex() + k;
            if (index > st.log.snapshotIndex() && index <= st.log.lastIndex() && st.log.termAt(index) == m.terms().get(k)) {
                held.add(new IndexedEntry(index, st.log.entry(index)));
            }
        }
        boolean compacted = m.firstIndex() <= st.log.snapshotIndex() && st.snapshotData != null;
        ctx.out.send(from, new ReconstructResponse(st.currentTerm, held, compacted ? st.log.snapshotIndex() : 0,
                compacted ? st.log.snapshotTerm() : 0, compacted ? st.snapshotData : Bytes.EMPTY));
        ctx.tracer.receivedVotes("HandleReconstructRequest", from, m, mark);
    }

    /** An answer: gather its shards, rebuild what it completes, finish when allowed. */
    void onResponse(NodeId from, ReconstructResponse m) {
        if (!recovering || m.term() != st.currentTerm) {
            return;
        }
        int mark = ctx.out.mark();
        answered |= CRaft.bit(ctx.members.posOf(from));
        if (m.snapshotIndex() > st.appliedIndex()
                && ctx.snapshot.installToExecute(m.snapshotIndex(), m.snapshotTerm(), m.data())) {
            // Its entries are committed and executed: nothing up to it is missing any more.
            missing.keySet().removeIf(i -> i <= m.snapshotIndex());
        }
        for (IndexedEntry ie : m.entries()) {
            List<Shard> shards = ie.index() <= st.log.snapshotIndex() ? null : missing.get(ie.index());
            if (shards == null || st.log.termAt(ie.index()) != ie.entry().term()) {
                continue;
            }
            LogEntry mine = st.log.entry(ie.index());
            LogEntry full = ie.entry().isCoded() ? null : ie.entry();
            if (full == null) {
                shards.add(ie.entry().shard());
                long distinct = shards.stream().mapToInt(Shard::index).distinct().count();
                full = distinct >= craft.shardsToRebuild() ? craft.coding.rebuild(mine, shards) : null;
            }
            if (full != null && full.term() == mine.term()) {
                craft.coding.learned(ie.index(), full, mine.shard().digest());
                missing.remove(ie.index());
            }
        }
        ctx.tracer.received("HandleReconstructResponse", from, m, mark);
        maybeFinish();
    }

    /** CRaft.tla {@code Recover(i, Q)}: done when nothing is missing or q_r replicas answered. */
    private void maybeFinish() {
        if (!missing.isEmpty() && Long.bitCount(answered) < craft.readQuorum) {
            return;
        }
        int mark = ctx.out.mark();
        if (!missing.isEmpty()) {
            long first = missing.keySet().stream().min(Long::compare).orElseThrow();
            if (first <= st.appliedIndex() || first <= st.commitIndex) {
                throw new IllegalStateException("committed entry " + first + " cannot be rebuilt from "
                        + Long.bitCount(answered) + " replicas");
            }
            ctx.durability.truncate(first);
            craft.coding.truncateFrom(first);
        }
        recovering = false;
        missing.clear();
        ctx.tracer.localVotes("Recover", mark);
        ctx.leadership.becomeLeaderAfterRecovery();
    }

    /** The election is over (lost, or a new one began) or the replica restarted. */
    void clear() {
        recovering = false;
        missing.clear();
        answered = 0;
    }
}
