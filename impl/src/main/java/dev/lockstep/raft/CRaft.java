package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CRaft (Wang et al., "CRaft: An Erasure-coding-supported Version of Raft", FAST 2020;
 * specs/craft/CRaft.tla): Raft in which a follower stores one Reed-Solomon shard of each entry,
 * with a fall-back to full copies while too few replicas look alive. What the Raft core does
 * differently when this is present:
 *
 * <ul>
 *   <li>Replication: the leader sends follower {@code pos} shard {@code pos} of each entry, or a
 *       full copy in full-copy mode; a follower that already holds an entry keeps the fuller form
 *       ({@link #merge}: a full copy is never replaced by a shard) and reports how far its full
 *       copies reach ({@code fullMatch}).
 *   <li>Commit (CRaft.tla {@code ShardRuleOK}, {@code FullRuleOK}): an entry of the leader's term
 *       commits when q_w replicas store it in any form, or, in full-copy mode, when a majority
 *       store full copies of every entry after the commit index up to it.
 *   <li>Modes ({@code SwitchMode}): the failure detector's view ({@code LivePeers}) decides;
 *       falling back, the leader re-persists its uncommitted entries as full copies and sends
 *       them again from its commit index.
 *   <li>Election ({@link CRaftRecovery}): a new leader first rebuilds every value of its log from
 *       the replicas' shards, truncating at the first entry that q_r replicas cannot rebuild.
 *   <li>Execution ({@link CRaftFetch}): a replica rebuilds a committed entry it holds as a shard
 *       from d - 1 peers' shards before executing it.
 * </ul>
 *
 * Quorums as RSPaxos's (Summerset's rule with f = 1 for three or more replicas): d = majority,
 * q_w = majority + 1, q_r = n - 1; elections keep Raft's majority.
 */
class CRaft {
    final RaftContext ctx;
    final RaftState st;
    final CRaftCoding coding;
    final CRaftRecovery recovery;
    final CRaftFetch fetch;
    final int writeQuorum;
    final int readQuorum;
    /** The leader's mode: CRaft.tla {@code mode[i] = "full"}. */
    private boolean fullCopies;
    /** The leader's CRaft.tla {@code fullMatch[i][j]}. */
    private final long[] fullMatch;
    /** The peers the failure detector last said look alive (all until told otherwise). */
    private final Set<NodeId> alive = new HashSet<>();

    CRaft(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        int n = ctx.members.size();
        int majority = n / 2 + 1;
        int f = n >= 3 ? 1 : 0;
        this.writeQuorum = majority + f;
        this.readQuorum = n - f;
        this.coding = new CRaftCoding(n, majority, ctx.members.selfPos());
        this.fullMatch = new long[n];
        this.recovery = new CRaftRecovery(ctx, this);
        this.fetch = new CRaftFetch(ctx, this);
        for (int p = 0; p < n; p++) {
            if (p != ctx.members.selfPos()) {
                alive.add(ctx.members.at(p));
            }
        }
    }

    boolean fullCopies() {
        return fullCopies;
    }

    // ---------------------------------------------------------------- modes

    /** The failure detector's view changed; a leader switches mode if it must. */
    void onLivePeers(Set<NodeId> alivePeers) {
        alive.clear();
        alive.addAll(alivePeers);
        if (st.isLeader()) {
            switchIfNeeded();
        }
    }

    /** The mode the view asks for: full copies while fewer than q_w replicas look alive. */
    void switchIfNeeded() {
        boolean want = alive.size() + 1 < writeQuorum;
        if (want != fullCopies) {
            switchMode(want);
        }
    }

    /**
     * CRaft.tla {@code SwitchMode(i, to)}. Falling back, the leader re-persists its entries after
     * the commit index as full copies (it counts itself in the full rule) and sends them again
     * from its commit index, so that its followers' full copies count.
     */
    private void switchMode(boolean toFull) {
        ctx.tracer.switchMode(toFull, ctx.out.mark());
        fullCopies = toFull;
        if (toFull) {
            long from = Math.max(st.commitIndex, st.log.snapshotIndex()) + 1;
            List<LogEntry> full = new ArrayList<>();
            boolean rewrite = false;
            for (long i = from; i <= st.log.lastIndex(); i++) {
                LogEntry e = st.log.entry(i);
                LogEntry value = coding.fullValue(i, e);
                if (value == null) {
                    throw new IllegalStateException("leader lacks the value of its entry " + i);
                }
                rewrite |= e.isCoded();
                full.add(value);
            }
            if (rewrite) {
                ctx.durability.truncate(from);
                ctx.durability.appendAll(from, full);
            }
            Arrays.fill(fullMatch, 0);
            ctx.replication.resendFrom(from);
        }
    }

    /** A new term's leader state: shard mode unless the view says otherwise (checked after recovery). */
    void onLeadership() {
        fullCopies = false;
        Arrays.fill(fullMatch, 0);
    }

    // ---------------------------------------------------------------- replication

    /** What the leader writes to its own log for a new value. */
    LogEntry own(long index, LogEntry full) {
        return coding.own(index, full, fullCopies);
    }

    List<LogEntry> forFollower(long first, List<LogEntry> held, int pos) {
        return coding.forFollower(first, held, pos, fullCopies);
    }

    void onAppendAnswer(int pos, long reportedFullMatch) {
        fullMatch[pos] = Math.max(fullMatch[pos], reportedFullMatch);
    }

    /**
     * CRaft.tla {@code FullThrough}: the largest n in {@code lo..hi} such that this replica holds
     * full copies of every entry in {@code lo+1..n} (entries in the snapshot count as full).
     */
    long fullThrough(long lo, long hi) {
        long n = Math.max(lo, Math.min(hi, st.log.snapshotIndex()));
        while (n < hi && n < st.log.lastIndex() && !st.log.entry(n + 1).isCoded()) {
            n++;
        }
        return n;
    }

    /**
     * The highest index either commit rule allows, given the replicas' match indexes (the
     * leader's own: its durable index) in {@code match}, sorted in place.
     */
    long commitCandidate(long[] match) {
        long[] byShard = match.clone();
        Arrays.sort(byShard);
        long n = byShard[byShard.length - commitQuorum()];
        if (fullCopies) {
            long[] full = new long[match.length];
            for (int p = 0; p < full.length; p++) {
                full[p] = p == ctx.members.selfPos()
                        ? Math.min(ctx.durability.durableIndex(), fullThrough(st.commitIndex, st.log.lastIndex()))
                        : fullMatch[p];
            }
            Arrays.sort(full);
            n = Math.max(n, full[full.length - ctx.members.quorum()]);
        }
        return n;
    }

    /**
     * A follower merges an append ([Raft] Figure 2, steps 3-4) keeping the fuller form of every
     * entry it already has (CRaft.tla {@code KeepShards}): a full copy replaces its shard, a
     * shard never replaces its full copy. Truncates only at the first entry whose term differs.
     */
    void merge(long prevIndex, List<LogEntry> entries) {
        RaftLog log = st.log;
        long from = -1;
        boolean conflict = false;
        List<LogEntry> rewrite = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            long index = prevIndex + 1 + k;
            LogEntry in = entries.get(k);
            if (index <= log.snapshotIndex()) {
                continue;
            }
            if (index > log.lastIndex() || conflict) {
                from = from < 0 ? index : from;
                rewrite.add(in);
                continue;
            }
            LogEntry have = log.entry(index);
            if (have.term() != in.term()) {
                from = from < 0 ? index : from;
                conflict = true;
                rewrite.add(in);
            } else if (from >= 0 || (have.isCoded() && !in.isCoded())) {
                from = from < 0 ? index : from;
                rewrite.add(have.isCoded() && !in.isCoded() ? in : have);
            }
        }
        if (from < 0) {
            return;
        }
        if (!conflict) {
            for (long i = prevIndex + entries.size() + 1; i <= log.lastIndex(); i++) {
                rewrite.add(log.entry(i));
            }
        }
        ctx.durability.truncate(from);
        ctx.durability.appendAll(from, rewrite);
    }

    /** Replicas that must store an entry for the shard rule: q_w. Overridden only by a broken test variant. */
    protected int commitQuorum() {
        return writeQuorum;
    }

    /** Distinct shards a recovering leader needs to rebuild an entry: d. Overridden only by a broken test variant. */
    protected int shardsToRebuild() {
        return coding.dataShards();
    }

    /** A restart: every volatile part is gone. */
    void clear() {
        coding.clear();
        recovery.clear();
        fetch.clear();
        fullCopies = false;
        Arrays.fill(fullMatch, 0);
    }

    static long bit(int pos) {
        return Membership.bit(pos);
    }
}
