package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Role;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;

/**
 * Elections (Raft §5.2) with PreVote (thesis §9.6): the randomized election timer, the spec
 * actions {@code Timeout}, {@code HandleRequestPreVoteRequest}, {@code HandleRequestPreVoteResponse},
 * {@code BecomeCandidate}, {@code HandleRequestVoteRequest}, {@code HandleRequestVoteResponse},
 * {@code BecomeLeader} and {@code UpdateTerm}, and stepping down.
 */
class Leadership {
    protected final RaftContext ctx;
    protected final RaftState st;
    private int electionElapsed;
    private int electionTimeout;
    /** Ticks since this replica last heard from a leader of its term (saturating). */
    private int ticksSinceLeader;

    Leadership(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        onRestart();
    }

    /** Timers as after a (re)start: no leader heard of, a fresh randomized election timeout. */
    final void onRestart() {
        ticksSinceLeader = ctx.tuning.electionTicksMin();
        resetElectionTimer();
    }

    void tick() {
        if (st.isLeader()) {
            ctx.replication.tickHeartbeat();
            return;
        }
        if (ticksSinceLeader < Integer.MAX_VALUE) {
            ticksSinceLeader++;
        }
        if (++electionElapsed >= electionTimeout) {
            timeout();
        }
    }

    /** Spec {@code Timeout(i)}: start a pre-vote round for {@code currentTerm + 1}. */
    void timeout() {
        resetElectionTimer();
        if (ctx.craft != null) {
            ctx.craft.recovery.clear(); // CRaft.tla Timeout: a recovering leader gives its term up
        }
        st.role = Role.PRE_CANDIDATE;
        st.votesGranted = Membership.bit(ctx.members.selfPos());
        int mark = ctx.out.mark();
        RequestPreVoteRequest request = new RequestPreVoteRequest(
                st.currentTerm + 1, st.log.lastIndex(), st.log.lastTerm());
        sendToPeers(request);
        ctx.tracer.localVotes("Timeout", mark);
        if (ctx.members.isQuorum(st.votesGranted)) {
            becomeCandidate();
        }
    }

    /** Spec {@code HandleRequestPreVoteRequest(i, m)}: answer without changing any state. */
    void onPreVoteRequest(NodeId from, RequestPreVoteRequest m) {
        boolean granted = m.term() > st.currentTerm
                && logIsUpToDate(m.lastLogIndex(), m.lastLogTerm())
                && !heardFromLeaderRecently();
        int mark = ctx.out.mark();
        ctx.out.send(from, new RequestPreVoteResponse(granted ? m.term() : st.currentTerm, granted));
        ctx.tracer.received("HandleRequestPreVoteRequest", from, m, mark);
    }

    /** Spec {@code HandleRequestPreVoteResponse(i, m)}; other responses are ignored (no trace). */
    void onPreVoteResponse(NodeId from, RequestPreVoteResponse m) {
        if (st.role != Role.PRE_CANDIDATE || m.term() != st.currentTerm + 1 || !m.granted()) {
            return;
        }
        int mark = ctx.out.mark();
        st.votesGranted |= Membership.bit(ctx.members.posOf(from));
        ctx.tracer.receivedVotes("HandleRequestPreVoteResponse", from, m, mark);
        if (ctx.members.isQuorum(st.votesGranted)) {
            becomeCandidate();
        }
    }

    /** Spec {@code BecomeCandidate(i)}: a quorum granted pre-votes; start a real election. */
    void becomeCandidate() {
        if (ctx.craft != null) {
            ctx.craft.recovery.clear();
        }
        st.currentTerm++;
        st.votedFor = ctx.self;
        st.role = Role.CANDIDATE;
        st.votesGranted = Membership.bit(ctx.members.selfPos());
        st.leaderHint = null;
        ctx.durability.hardState();
        resetElectionTimer();
        int mark = ctx.out.mark();
        sendToPeers(new RequestVoteRequest(st.currentTerm, st.log.lastIndex(), st.log.lastTerm()));
        ctx.tracer.localVotes("BecomeCandidate", mark);
        if (ctx.members.isQuorum(st.votesGranted)) {
            becomeLeader();
        }
    }

    /** Spec {@code HandleRequestVoteRequest(i, m)} (Raft Figure 2, RequestVote receiver). */
    void onVoteRequest(NodeId from, RequestVoteRequest m) {
        boolean granted = m.term() == st.currentTerm
                && logIsUpToDate(m.lastLogIndex(), m.lastLogTerm())
                && (st.votedFor == null || st.votedFor.equals(from));
        if (granted && st.votedFor == null) {
            st.votedFor = from;
            ctx.durability.hardState();
        }
        if (granted) {
            electionElapsed = 0;
        }
        int mark = ctx.out.mark();
        ctx.out.send(from, new RequestVoteResponse(st.currentTerm, granted));
        ctx.tracer.received("HandleRequestVoteRequest", from, m, mark);
    }

    /** Spec {@code HandleRequestVoteResponse(i, m)}; other responses are ignored (no trace). */
    void onVoteResponse(NodeId from, RequestVoteResponse m) {
        if (st.role != Role.CANDIDATE || m.term() != st.currentTerm || !m.granted()) {
            return;
        }
        int mark = ctx.out.mark();
        countVote(from);
        ctx.tracer.receivedVotes("HandleRequestVoteResponse", from, m, mark);
        if (wonElection()) {
            becomeLeader();
        }
    }

    /** Counts a vote of this term: votes are a set of voters, so a duplicated grant counts once (§5.2). */
    void countVote(NodeId from) {
        st.votesGranted |= Membership.bit(ctx.members.posOf(from));
    }

    /** Whether the votes counted in this term are a quorum. */
    boolean wonElection() {
        return ctx.members.isQuorum(st.votesGranted);
    }

    /**
     * Spec {@code BecomeLeader(i)}: reset matchIndex and reads, append the no-op (Raft §8). CRaft
     * first recovers the values of its log ({@link CRaftRecovery}), which calls
     * {@link #becomeLeaderAfterRecovery} when done.
     */
    void becomeLeader() {
        if (ctx.craft != null) {
            if (!ctx.craft.recovery.recovering()) {
                ctx.craft.recovery.start();
            }
            return;
        }
        becomeLeaderAfterRecovery();
    }

    /** Leading proper: Raft's BecomeLeader, or the end of CRaft's recovery (its mode set first). */
    void becomeLeaderAfterRecovery() {
        st.role = Role.LEADER;
        if (ctx.craft != null) {
            ctx.craft.onLeadership();
        }
        st.leaderHint = ctx.self;
        java.util.Arrays.fill(st.matchIndex, 0);
        ctx.reads.clear();
        ctx.replication.startTerm();
        if (ctx.craft != null) {
            ctx.craft.switchIfNeeded();
        }
        ctx.execution.appendNoop();
        ctx.tracer.local("BecomeLeader", ctx.out.mark());
        ctx.replication.sendAppendsToAll();
    }

    /**
     * Spec {@code UpdateTerm(i, m)}: a message from a later term makes this replica a follower
     * of that term. Not for a pre-vote request or a granted pre-vote response (their term is a
     * proposal, not a term anyone is in). The message is then handled as usual.
     */
    void maybeUpdateTerm(NodeId from, RaftMessage m) {
        if (m.term() <= st.currentTerm || m instanceof RequestPreVoteRequest) {
            return;
        }
        if (m instanceof RequestPreVoteResponse r && r.granted()) {
            return;
        }
        st.currentTerm = m.term();
        st.votedFor = null;
        ctx.durability.hardState();
        stepDown();
        st.votesGranted = 0;
        st.leaderHint = null;
        ctx.tracer.receivedVotes("UpdateTerm", from, m, ctx.out.mark());
    }

    /**
     * A leader of the current term spoke (AppendEntries, Heartbeat or InstallSnapshot with
     * {@code m.term = currentTerm}): follow it and restart the election timer.
     */
    void onLeaderContact(NodeId leader) {
        if (st.role != Role.FOLLOWER) {
            stepDown();
        }
        st.leaderHint = leader;
        ticksSinceLeader = 0;
        electionElapsed = 0;
    }

    /** Become a follower; a leader first answers its pending clients and drops its reads. */
    void stepDown() {
        if (st.isLeader()) {
            ctx.execution.failPending();
            ctx.reads.failAll();
            ctx.replication.stop();
        }
        st.role = Role.FOLLOWER;
        if (ctx.craft != null) {
            ctx.craft.recovery.clear();
        }
        resetElectionTimer();
    }

    /** PreVote's guard against disrupting a live leader (thesis §9.6); a leader hears itself. */
    boolean heardFromLeaderRecently() {
        return st.isLeader() || ticksSinceLeader < ctx.tuning.electionTicksMin();
    }

    /** Raft §5.4.1: the candidate's log is at least as up-to-date as this replica's. */
    boolean logIsUpToDate(long lastLogIndex, long lastLogTerm) {
        long myTerm = st.log.lastTerm();
        return lastLogTerm > myTerm || (lastLogTerm == myTerm && lastLogIndex >= st.log.lastIndex());
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        electionTimeout = ctx.prng.nextIntInclusive(ctx.tuning.electionTicksMin(), ctx.tuning.electionTicksMax());
    }

    private void sendToPeers(RaftMessage m) {
        for (int p = 0; p < ctx.members.size(); p++) {
            if (p != ctx.members.selfPos()) {
                ctx.out.send(ctx.members.at(p), m);
            }
        }
    }
}
