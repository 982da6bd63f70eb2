package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import java.util.Arrays;
import java.util.List;

/**
 * Log replication (Raft §5.3): the spec actions {@code AppendEntries}, {@code InstallSnapshot}
 * (sending), {@code HandleAppendEntriesRequest}, {@code HandleAppendEntriesResponse},
 * {@code AdvanceCommitIndex}, {@code Heartbeat} and {@code HandleHeartbeatRequest}, with
 * batching, pipelining ({@link Progress}) and fast backtracking.
 */
class Replication {
    protected final RaftContext ctx;
    protected final RaftState st;
    private final Progress[] progress;
    private final long[] quorumScratch;
    private int heartbeatElapsed;

    Replication(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.progress = new Progress[ctx.members.size()];
        this.quorumScratch = new long[ctx.members.size()];
    }

    // ---------------------------------------------------------------- leader: sending

    /** A new leader knows nothing about its followers: probe each from its own log end. */
    void startTerm() {
        long next = st.log.lastIndex() + 1;
        for (int p = 0; p < progress.length; p++) {
            progress[p] = p == ctx.members.selfPos() ? null : new Progress(ctx.tuning.maxInflight(), next);
        }
        heartbeatElapsed = 0;
    }

    void stop() {
        Arrays.fill(progress, null);
    }

    /** CRaft's fallback: send every follower its entries again from {@code index} (as full copies). */
    void resendFrom(long index) {
        for (int p = 0; p < progress.length; p++) {
            if (progress[p] != null) {
                progress[p].becomeProbe(Math.min(progress[p].next(), index));
                sendAppends(p);
            }
        }
    }

    void sendAppendsToAll() {
        for (int p = 0; p < progress.length; p++) {
            if (p != ctx.members.selfPos()) {
                sendAppends(p);
            }
        }
    }

    /** Spec {@code AppendEntries(i, j, prevLogIndex, count)}, as often as flow control allows. */
    void sendAppends(int pos) {
        Progress pr = progress[pos];
        while (pr.canSend()) {
            long next = pr.next();
            if (next <= st.log.snapshotIndex()) {
                sendSnapshot(pos, pr);
                return;
            }
            long prev = next - 1;
            int count = (int) Math.min(ctx.tuning.maxBatchEntries(), st.log.lastIndex() - prev);
            if (count == 0 && pr.mode() == Progress.Mode.REPLICATE) {
                return;
            }
            int mark = ctx.out.mark();
            List<LogEntry> entries = st.log.slice(next, count);
            if (ctx.craft != null) {
                entries = ctx.craft.forFollower(next, entries, pos);
            }
            ctx.out.send(ctx.members.at(pos), new AppendEntriesRequest(st.currentTerm, prev, st.log.termAt(prev),
                    entries, Math.min(st.commitIndex, prev + count)));
            ctx.tracer.appendEntries(ctx.members.at(pos), prev, count, mark);
            pr.onAppendSent(prev + count);
        }
    }

    /** Spec {@code InstallSnapshot(i, j, lastIndex)} with the leader's latest snapshot (Raft §7). */
    private void sendSnapshot(int pos, Progress pr) {
        RaftLog log = st.log;
        int mark = ctx.out.mark();
        ctx.out.send(ctx.members.at(pos), new InstallSnapshotRequest(st.currentTerm, log.snapshotIndex(),
                log.snapshotTerm(), log.snapshotTermStart(), st.snapshotData));
        ctx.tracer.installSnapshot(ctx.members.at(pos), log.snapshotIndex(), mark);
        pr.becomeSnapshot(log.snapshotIndex());
    }

    void tickHeartbeat() {
        if (++heartbeatElapsed >= ctx.tuning.heartbeatTicks()) {
            heartbeat();
        }
    }

    /** Spec {@code Heartbeat(i)}: commit and the highest pending read id to every follower. */
    void heartbeat() {
        heartbeatElapsed = 0;
        if (ctx.members.size() == 1) {
            return;
        }
        long readId = ctx.reads.highestPendingId();
        int mark = ctx.out.mark();
        for (int p = 0; p < progress.length; p++) {
            if (p != ctx.members.selfPos()) {
                long commit = Math.min(st.matchIndex[p], st.commitIndex);
                ctx.out.send(ctx.members.at(p), new HeartbeatRequest(st.currentTerm, commit, readId));
                progress[p].onHeartbeatSent();
            }
        }
        ctx.tracer.local("Heartbeat", mark);
        ctx.reads.onHeartbeatSent(readId);
    }

    // ---------------------------------------------------------------- leader: responses, commit

    /**
     * Spec {@code HandleAppendEntriesResponse(i, m)} (also the answer to an InstallSnapshot):
     * raise the follower's match index, or move its next index using the conflict hints.
     */
    void onAppendResponse(NodeId from, AppendEntriesResponse m) {
        if (!st.isLeader() || m.term() != st.currentTerm) {
            return;
        }
        int pos = ctx.members.posOf(from);
        Progress pr = progress[pos];
        int mark = ctx.out.mark();
        if (m.success()) {
            st.matchIndex[pos] = Math.max(st.matchIndex[pos], m.matchIndex());
            if (ctx.craft != null) {
                ctx.craft.onAppendAnswer(pos, m.fullMatch());
            }
            ctx.tracer.appendResponse(from, m, pos, mark);
            pr.onSuccess(m.matchIndex(), st.matchIndex[pos]);
            advanceCommitIndex();
        } else {
            ctx.tracer.appendResponse(from, m, pos, mark);
            long next = nextAfterRejection(m, pos);
            if (pr.mode() == Progress.Mode.PROBE && next == pr.next()) {
                // No backtracking progress: a duplicate of a stale rejection, or a follower that
                // lost entries it acknowledged (outside the fault model). Either way re-sending
                // now would repeat what was just rejected; the heartbeat round re-probes.
                return;
            }
            pr.onRejected(next);
        }
        if (st.isLeader()) {
            sendAppends(pos);
        }
    }

    /**
     * Fast backtracking: skip the follower's whole conflicting term. If the leader has entries
     * of {@code conflictTerm}, resume after its last one, else at {@code conflictIndex}.
     */
    private long nextAfterRejection(AppendEntriesResponse m, int pos) {
        long hint = m.conflictIndex();
        if (m.conflictTerm() != 0) {
            long last = st.log.lastIndexOfTerm(m.conflictTerm());
            if (last > 0) {
                hint = last + 1;
            }
        }
        return Math.max(st.matchIndex[pos] + 1, Math.min(hint, st.log.lastIndex() + 1));
    }

    /**
     * A follower answered a heartbeat: if it lags and no append was answered since the round
     * began, what we sent was lost. Re-send the probe, or probe again after its match index.
     */
    void onFollowerAlive(int pos) {
        Progress pr = progress[pos];
        if (pr != null && st.matchIndex[pos] < st.log.lastIndex() && pr.stalled()) {
            pr.becomeProbe(pr.mode() == Progress.Mode.PROBE ? pr.next() : st.matchIndex[pos] + 1);
            sendAppends(pos);
        }
    }

    /**
     * Spec {@code AdvanceCommitIndex(i, n)} for the largest {@code n} a quorum holds. The leader
     * counts itself only for entries it has durably persisted.
     */
    void advanceCommitIndex() {
        if (!st.isLeader()) {
            return;
        }
        long[] match = quorumScratch;
        for (int p = 0; p < match.length; p++) {
            match[p] = p == ctx.members.selfPos() ? ctx.durability.durableIndex() : st.matchIndex[p];
        }
        long n;
        if (ctx.craft != null) {
            n = ctx.craft.commitCandidate(match);
        } else {
            Arrays.sort(match);
            n = match[match.length - ctx.members.quorum()];
        }
        if (n > st.commitIndex && mayCommit(n)) {
            st.commitIndex = n;
            ctx.tracer.advanceCommitIndex(n, ctx.out.mark());
            ctx.execution.applyCommitted();
            ctx.reads.onCommitAdvanced();
        }
    }

    /** Raft §5.4.2: only an entry of the leader's own term is committed by counting replicas. */
    protected boolean mayCommit(long index) {
        return st.log.termAt(index) == st.currentTerm;
    }

    // ---------------------------------------------------------------- follower side

    /** Spec {@code HandleAppendEntriesRequest(i, m)} (Raft Figure 2, AppendEntries receiver). */
    void onAppendRequest(NodeId from, AppendEntriesRequest m) {
        int mark = ctx.out.mark();
        if (m.term() < st.currentTerm) {
            ctx.out.send(from, new AppendEntriesResponse(st.currentTerm, false, 0, 0, 0));
            ctx.tracer.received("HandleAppendEntriesRequest", from, m, mark);
            return;
        }
        ctx.leadership.onLeaderContact(from);
        AppendEntriesResponse response;
        if (prefixMatches(m.prevLogIndex(), m.prevLogTerm())) {
            long last = m.prevLogIndex() + m.entries().size();
            if (ctx.craft != null) {
                ctx.craft.merge(m.prevLogIndex(), m.entries());
            } else {
                merge(m.prevLogIndex(), m.entries());
            }
            st.commitIndex = Math.max(st.commitIndex, m.commit());
            long fullMatch = ctx.craft == null ? 0 : ctx.craft.fullThrough(m.commit(), last);
            response = new AppendEntriesResponse(st.currentTerm, true, last, 0, 0, fullMatch);
        } else {
            response = conflict(m.prevLogIndex());
        }
        ctx.out.send(from, response);
        ctx.tracer.received("HandleAppendEntriesRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }

    /** Entries below the snapshot are committed, hence equal to the leader's. */
    private boolean prefixMatches(long prevIndex, long prevTerm) {
        if (prevIndex < st.log.snapshotIndex()) {
            return true;
        }
        return prevIndex <= st.log.lastIndex() && st.log.termAt(prevIndex) == prevTerm;
    }

    /** Appends what is new; truncates only from the first entry whose term differs. */
    private void merge(long prevIndex, List<LogEntry> entries) {
        RaftLog log = st.log;
        int k = 0;
        for (; k < entries.size(); k++) {
            long index = prevIndex + 1 + k;
            if (index <= log.snapshotIndex()) {
                continue;
            }
            if (index > log.lastIndex()) {
                break;
            }
            if (log.termAt(index) != entries.get(k).term()) {
                ctx.durability.truncate(index);
                break;
            }
        }
        if (k < entries.size()) {
            ctx.durability.appendAll(prevIndex + 1 + k, entries.subList(k, entries.size()));
        }
    }

    /** The contract's fast-backtracking hints for a failed prefix check at {@code prevIndex}. */
    private AppendEntriesResponse conflict(long prevIndex) {
        RaftLog log = st.log;
        if (prevIndex > log.lastIndex()) {
            return new AppendEntriesResponse(st.currentTerm, false, 0, log.lastIndex() + 1, 0);
        }
        return new AppendEntriesResponse(st.currentTerm, false, 0,
                log.firstIndexOfTermAt(prevIndex), log.termAt(prevIndex));
    }

    /** Spec {@code HandleHeartbeatRequest(i, m)}: follow the leader, learn its commit, echo the read id. */
    void onHeartbeatRequest(NodeId from, HeartbeatRequest m) {
        if (m.term() == st.currentTerm) {
            ctx.leadership.onLeaderContact(from);
            // Within the fault model m.commit <= our log's end (it is at most our match index,
            // and a current-term leader never makes us truncate below it). The cap keeps a
            // follower that lost acknowledged entries (storage lost fsynced data) from
            // committing entries it does not have.
            st.commitIndex = Math.max(st.commitIndex, Math.min(m.commit(), st.log.lastIndex()));
        }
        // A stale heartbeat's read id is not echoed: read ids restart every term, and a response
        // carrying our (newer) term could otherwise later ack an unrelated read of a leader of
        // our term (Raft.tla HandleHeartbeatRequest; ReadIndexTest shows the bug).
        long readId = m.term() == st.currentTerm ? m.readId() : 0;
        int mark = ctx.out.mark();
        ctx.out.send(from, new HeartbeatResponse(st.currentTerm, readId));
        ctx.tracer.received("HandleHeartbeatRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }
}
