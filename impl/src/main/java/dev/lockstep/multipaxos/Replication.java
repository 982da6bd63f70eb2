package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Role;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import java.util.Arrays;
import java.util.List;

/**
 * Phase 2 with a stable leader ("Paxos Made Simple" §3; "Paxos Made Moderately Complex" §3,
 * the commanders): the spec actions {@code Accept} (batched up to {@code maxBatchEntries},
 * pipelined up to {@code maxInflight} requests per follower; with no entries it is the
 * heartbeat), {@code HandleAcceptRequest}, {@code HandleAcceptResponse} and {@code AdvanceCommit}.
 * Commit notices ride on every accept request. The leader counts its own acceptance of a slot
 * only once it is durable.
 */
class Replication {
    protected final PaxosContext ctx;
    protected final PaxosState st;
    private final FollowerProgress[] progress;
    /** Commit indices the promises of the current phase 1 reported, by member (-1 unknown). */
    private final long[] peerCommit;
    /** The first slot of this leader's ballot (its commit index at BecomeLeader + 1). */
    private long firstSlot;
    private int heartbeatElapsed;
    /** Leader ticks, for retransmission timers. */
    private long ticks;

    Replication(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.progress = new FollowerProgress[ctx.members.size()];
        this.peerCommit = new long[ctx.members.size()];
        Arrays.fill(peerCommit, -1);
    }

    // ---------------------------------------------------------------- leader: ballot lifecycle

    void forgetPeerCommits() {
        Arrays.fill(peerCommit, -1);
    }

    void notePeerCommit(int pos, long commit) {
        peerCommit[pos] = commit;
    }

    /** A new ballot's bookkeeping: every follower starts at the ballot's first slot. */
    void startBallot(long first) {
        firstSlot = first;
        st.acks.reset(first);
        for (int p = 0; p < progress.length; p++) {
            progress[p] = p == ctx.members.selfPos() ? null : new FollowerProgress(ctx.tuning.maxInflight(), first, peerCommit[p]);
        }
        heartbeatElapsed = 0;
    }

    /** Phase 2 begins: propose the recovered slots to everyone (or announce the ballot), catch followers up. */
    void afterBecomeLeader() {
        for (int p = 0; p < progress.length; p++) {
            if (p != ctx.members.selfPos()) {
                int mark = ctx.out.mark();
                sendAccepts(p);
                if (ctx.out.mark() == mark) {
                    sendHeartbeat(p);
                }
                ctx.catchUp.maybeSend(p, progress[p]);
            }
        }
    }

    void stop() {
        Arrays.fill(progress, null);
    }

    long firstSlot() {
        return firstSlot;
    }

    long ticks() {
        return ticks;
    }

    // ---------------------------------------------------------------- leader: proposing

    /** A client command was appended: propose it to every follower that has room. */
    void onAppended() {
        for (int p = 0; p < progress.length; p++) {
            if (p != ctx.members.selfPos()) {
                sendAccepts(p);
            }
        }
    }

    /** Spec {@code Accept(i, j, slot, count)} for the follower's next slots, as often as flow control allows. */
    void sendAccepts(int pos) {
        FollowerProgress pr = progress[pos];
        long len = st.log.len();
        while (pr.canSend() && pr.next <= len) {
            if (pr.next <= st.log.snapshotSlot()) {
                // Compacted slots are committed: a follower that lacks them gets the snapshot.
                pr.next = st.log.snapshotSlot() + 1;
                continue;
            }
            int count = (int) Math.min(ctx.tuning.maxBatchEntries(), len - pr.next + 1);
            int mark = ctx.out.mark();
            ctx.out.send(ctx.members.at(pos), new AcceptRequest(st.promised, pr.next,
                    ctx.coding.forPeer(pr.next, st.log.slice(pr.next, count), pos), st.commitIndex));
            ctx.tracer.accept("Accept", ctx.members.at(pos), pr.next, count, mark);
            pr.onSent(pr.next + count - 1);
        }
    }

    /** Spec {@code Accept(i, j, slot, 0)}: the heartbeat; its slot is the follower's next one. */
    private void sendHeartbeat(int pos) {
        long slot = Math.min(progress[pos].next, st.log.len() + 1);
        int mark = ctx.out.mark();
        ctx.out.send(ctx.members.at(pos), new AcceptRequest(st.promised, slot, List.of(), st.commitIndex));
        ctx.tracer.accept("Accept", ctx.members.at(pos), slot, 0, mark);
    }

    void tickHeartbeat() {
        ticks++;
        if (++heartbeatElapsed >= ctx.tuning.heartbeatTicks()) {
            heartbeatElapsed = 0;
            for (int p = 0; p < progress.length; p++) {
                if (p != ctx.members.selfPos()) {
                    sendHeartbeat(p);
                }
            }
        }
    }

    // ---------------------------------------------------------------- leader: answers, commit

    /** Spec {@code HandleAcceptResponse(i, m)}; refusals and other ballots' answers are ignored here. */
    void onAcceptResponse(NodeId from, AcceptResponse m) {
        if (!st.isLeader() || m.ballot() != st.promised || !m.ok() || m.count() < 0 || m.slot() < 1) {
            return;
        }
        int pos = ctx.members.posOf(from);
        FollowerProgress pr = progress[pos];
        long end = Math.min(m.slot() + m.count() - 1, st.log.len());
        int mark = ctx.out.mark();
        for (long s = Math.max(m.slot(), firstSlot); s <= end; s++) {
            st.acks.add(s, pos);
        }
        ctx.tracer.received("HandleAcceptResponse", from, m, mark);
        noteAnswer(pos, pr, m, end);
        advanceCommit();
        if (st.isLeader()) {
            sendAccepts(pos);
            ctx.catchUp.maybeSend(pos, pr);
        }
    }

    private void noteAnswer(int pos, FollowerProgress pr, AcceptResponse m, long end) {
        pr.reportedCommit = m.commit();
        long known = Math.min(m.commit(), Math.max(firstSlot - 1, st.commitIndex));
        pr.ackedThrough = Math.max(pr.ackedThrough, known);
        if (m.count() > 0) {
            pr.onAnswered(end);
            if (m.slot() <= pr.ackedThrough + 1) {
                pr.ackedThrough = Math.max(pr.ackedThrough, end);
            }
        }
        long self = Membership.bit(pos);
        while (pr.ackedThrough < st.log.len() && (st.acks.get(pr.ackedThrough + 1) & self) != 0) {
            pr.ackedThrough++;
        }
        if (m.count() == 0 && pr.ackedThrough < m.slot() - 1) {
            pr.rewind(); // a heartbeat overtook (FIFO: outlived) an accept sent before it: that one was lost
        }
        // Requests for slots the follower is known to hold (accepted, or chosen within our commit
        // index) need no answer any more: without this, accepts lost after the follower learned
        // their slots some other way kept the pipeline full and it stalled (with RSPaxos's write
        // quorum of every replica, the leader then stopped committing: the simulator's liveness
        // check found it).
        pr.onAnswered(pr.ackedThrough);
    }

    /**
     * Spec {@code AdvanceCommit(i, n)} for the largest {@code n} such that every slot up to it has
     * a quorum of acceptances; the leader counts itself only for slots it has made durable.
     */
    void advanceCommit() {
        if (!st.isLeader()) {
            return;
        }
        long n = st.commitIndex;
        long durable = ctx.durability.durableSlot();
        long self = Membership.bit(ctx.members.selfPos());
        while (n < st.log.len() && ctx.quorums.isWrite(st.acks.get(n + 1) | (n + 1 <= durable ? self : 0))) {
            n++;
        }
        if (n > st.commitIndex) {
            st.commitTo(n);
            st.acks.dropBelow(n + 1);
            ctx.tracer.commit(n, ctx.out.mark());
            ctx.execution.applyCommitted();
        }
    }

    // ---------------------------------------------------------------- acceptor side

    /**
     * Spec {@code HandleAcceptRequest(i, m)}: accept the values of a ballot at least as high as our
     * promise and learn which of our slots are chosen; or refuse with our promise.
     */
    void onAcceptRequest(NodeId from, AcceptRequest m) {
        if (!from.equals(ctx.ownerOf(m.ballot())) || m.slot() < 1) {
            return;
        }
        int mark = ctx.out.mark();
        if (m.ballot() < st.promised) {
            ctx.out.send(from, new AcceptResponse(st.promised, false, m.slot(), 0, st.commitIndex));
            ctx.tracer.received("HandleAcceptRequest", from, m, mark);
            return;
        }
        boolean joined = m.ballot() > st.promised;
        if (joined) {
            st.promised = m.ballot();
            ctx.durability.promise();
        }
        if (st.role != Role.FOLLOWER) {
            ctx.leadership.stepDown();
        }
        ctx.leadership.onLeaderContact(from);
        ctx.durability.write(m.slot(), m.entries());
        long c = st.commitIndex;
        while (c < m.commit() && c < st.log.len() && st.log.entry(c + 1).bal() == m.ballot()) {
            c++;
        }
        if (c > st.commitIndex) {
            st.commitTo(c);
        }
        ctx.out.send(from, new AcceptResponse(m.ballot(), true, m.slot(), m.entries().size(), st.commitIndex));
        // RSPaxos.tla: a heartbeat of a higher ballot only raises the promise (JoinBallot).
        boolean join = joined && m.entries().isEmpty() && ctx.coding.coded();
        ctx.tracer.received(join ? "JoinBallot" : "HandleAcceptRequest", from, m, mark);
        ctx.execution.applyCommitted();
    }
}
