package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.Role;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Leader election as MultiPaxos phase 1, run once per ballot over every open slot ("Paxos Made
 * Simple" §3; "Paxos Made Moderately Complex" §3, the scout): the randomized election timer, a
 * pre-prepare round outside the spec (Raft's PreVote, thesis §9.6, for Paxos) and the spec actions {@code Prepare}, {@code HandlePrepareRequest}, {@code HandlePrepareResponse},
 * {@code BecomeLeader} (recovery of the highest-ballot value per open slot, no-ops for holes) and
 * {@code ObserveBallot} (stepping down on a higher ballot).
 */
class Leadership {
    protected final PaxosContext ctx;
    protected final PaxosState st;
    private int electionElapsed;
    private int electionTimeout;
    /** Ticks since a leader of our promised ballot last spoke (saturating; "never" at start). */
    private int ticksSinceLeader = NEVER;
    /** The ballot this replica is pre-preparing, 0 when it is not; and who said they would promise it. */
    private long prePrepareBallot;
    private long prePrepareOks;

    private static final int NEVER = Integer.MAX_VALUE / 2;

    Leadership(PaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        resetElectionTimer();
    }

    /** Timers as after a (re)start. */
    final void onRestart() {
        resetElectionTimer();
        ticksSinceLeader = NEVER;
        prePrepareBallot = 0;
    }

    void tick() {
        if (st.isLeader()) {
            ctx.replication.tickHeartbeat();
            return;
        }
        ticksSinceLeader = Math.min(NEVER, ticksSinceLeader + 1);
        if (++electionElapsed >= electionTimeout) {
            prePrepare();
        }
    }

    /**
     * The election timer fired: before {@link #prepare} (which raises the promise everywhere it
     * lands, deposing a leader), ask whether a phase-1 quorum would promise the next ballot now.
     * Thesis §9.6's PreVote, for Paxos; no spec variable changes until the quorum answers.
     */
    void prePrepare() {
        resetElectionTimer();
        prePrepareBallot = Ballots.next(st.promised, ctx.self.value());
        prePrepareOks = Membership.bit(ctx.members.selfPos());
        if (ctx.quorums.isRead(prePrepareOks)) {
            prePrepareBallot = 0;
            prepare();
            return;
        }
        PrePrepareRequest request = new PrePrepareRequest(prePrepareBallot);
        for (int p = 0; p < ctx.members.size(); p++) {
            if (p != ctx.members.selfPos()) {
                ctx.out.send(ctx.members.at(p), request);
            }
        }
    }

    /** Would we promise {@code m.ballot()}: it is its sender's, above our promise, and we hear no leader. */
    void onPrePrepareRequest(NodeId from, PrePrepareRequest m) {
        boolean ok = from.equals(ctx.ownerOf(m.ballot())) && m.ballot() > st.promised && !hearsLeader();
        ctx.out.send(from, new PrePrepareResponse(m.ballot(), ok));
    }

    void onPrePrepareResponse(NodeId from, PrePrepareResponse m) {
        if (prePrepareBallot <= st.promised || m.ballot() != prePrepareBallot || !m.ok() || st.isLeader()) {
            return;
        }
        prePrepareOks |= Membership.bit(ctx.members.posOf(from));
        if (ctx.quorums.isRead(prePrepareOks)) {
            prePrepareBallot = 0;
            prepare();
        }
    }

    /** PrePrepare's guard against disrupting a live leader; a leader hears itself. */
    boolean hearsLeader() {
        return st.isLeader() || ticksSinceLeader < ctx.tuning.electionTicksMin();
    }

    /**
     * Spec {@code Prepare(i)}: take the next ballot this replica owns, promise it to itself and
     * ask every other replica for a promise and for what it accepted above our commit index.
     */
    void prepare() {
        resetElectionTimer();
        st.promised = Ballots.next(st.promised, ctx.self.value());
        ctx.durability.promise();
        st.role = Role.PRE_CANDIDATE;
        st.promises = Membership.bit(ctx.members.selfPos());
        st.leaderHint = null;
        st.recovered.start(st.log, st.commitIndex);
        ctx.replication.forgetPeerCommits();
        int mark = ctx.out.mark();
        PrepareRequest request = new PrepareRequest(st.promised, st.commitIndex);
        for (int p = 0; p < ctx.members.size(); p++) {
            if (p != ctx.members.selfPos()) {
                ctx.out.send(ctx.members.at(p), request);
            }
        }
        ctx.tracer.local("Prepare", mark);
        if (ctx.quorums.isRead(st.promises)) {
            becomeLeader();
        }
    }

    /**
     * Spec {@code HandlePrepareRequest(i, m)}: promise a ballot at least as high as ours and
     * report what we accepted above the proposer's commit index, or refuse with our promise.
     * When our snapshot covers slots above the proposer's commit index we could not report them:
     * we send it the snapshot instead (spec {@code InstallSnapshot}) and let it prepare again.
     */
    void onPrepareRequest(NodeId from, PrepareRequest m) {
        if (!from.equals(ctx.ownerOf(m.ballot()))) {
            return;
        }
        boolean promise = m.ballot() >= st.promised;
        if (promise && st.log.snapshotSlot() > m.commit()) {
            ctx.snapshot.send(ctx.members.posOf(from));
            return;
        }
        int mark = ctx.out.mark();
        if (promise) {
            if (m.ballot() > st.promised) {
                st.promised = m.ballot();
                ctx.durability.promise();
            }
            if (st.role != Role.FOLLOWER) {
                stepDown();
            }
            st.leaderHint = null;
            resetElectionTimer();
            ctx.out.send(from, new PrepareResponse(m.ballot(), true, st.commitIndex, acceptedAbove(m.commit())));
        } else {
            ctx.out.send(from, new PrepareResponse(st.promised, false, st.commitIndex, List.of()));
        }
        ctx.tracer.received("HandlePrepareRequest", from, m, mark);
    }

    private List<PaxosMessage.SlotEntry> acceptedAbove(long commit) {
        List<PaxosMessage.SlotEntry> accepted = new ArrayList<>();
        for (long s = commit + 1; s <= st.log.len(); s++) {
            PaxosEntry e = st.log.entry(s);
            if (!e.isNone()) {
                accepted.add(new PaxosMessage.SlotEntry(s, e));
            }
        }
        return accepted;
    }

    /** Spec {@code HandlePrepareResponse(i, m)}; other responses are ignored (no trace line). */
    void onPrepareResponse(NodeId from, PrepareResponse m) {
        if (st.role != Role.PRE_CANDIDATE || m.ballot() != st.promised || !m.ok()) {
            return;
        }
        int pos = ctx.members.posOf(from);
        int mark = ctx.out.mark();
        countPromise(from);
        st.recovered.merge(m.entries());
        ctx.replication.notePeerCommit(pos, m.commit());
        ctx.tracer.promises("HandlePrepareResponse", from, m, mark);
        if (wonPhaseOne()) {
            becomeLeader();
        }
    }

    /** Counts a promise of our ballot: promises are a set of acceptors, so a duplicate counts once. */
    void countPromise(NodeId from) {
        st.promises |= Membership.bit(ctx.members.posOf(from));
    }

    /** Whether the promises counted for our ballot are a phase-1 quorum. */
    boolean wonPhaseOne() {
        return ctx.quorums.isRead(st.promises);
    }

    /**
     * Spec {@code BecomeLeader(i)}: propose, in our ballot, for every slot above our commit index
     * up to the highest recovered one, the recovered value of the highest ballot, or a no-op for
     * a hole; then start phase 2 ({@code Accept} actions follow).
     */
    void becomeLeader() {
        st.role = Role.LEADER;
        st.leaderHint = ctx.self;
        long first = st.commitIndex + 1;
        long last = Math.max(st.commitIndex, st.recovered.maxSlot());
        List<PaxosEntry> proposals = new ArrayList<>((int) (last - first + 1));
        for (long s = first; s <= last; s++) {
            proposals.add(ctx.coding.store(s, proposalFor(s, st.recovered.highestAt(s))));
        }
        st.recovered.clear();
        int mark = ctx.out.mark();
        ctx.durability.write(first, proposals);
        ctx.replication.startBallot(first);
        ctx.tracer.becomeLeader(first, last, proposals, mark);
        ctx.replication.afterBecomeLeader();
    }

    /**
     * The value this leader proposes for an open slot: the highest-ballot value phase 1 found,
     * re-proposed in our ballot, or a no-op for a hole. Overridden only by a broken test variant.
     */
    protected PaxosEntry proposalFor(long slot, PaxosEntry highest) {
        PaxosEntry value = highest.isNone() ? null : ctx.coding.recover(slot, highest, st.recovered.reportsAt(slot));
        return value == null ? PaxosEntry.noop(st.promised) : value.withBal(st.promised);
    }

    /**
     * Spec {@code ObserveBallot(i, m)}: a response or a catch-up/snapshot message shows a ballot
     * above ours, so a proposer or leader steps down; the message is then handled as usual.
     */
    void observeBallot(NodeId from, PaxosMessage m) {
        int mark = ctx.out.mark();
        stepDown();
        ctx.tracer.received("ObserveBallot", from, m, mark);
    }

    /** A leader of our promised ballot spoke: follow it, restart the election timer, stop pre-preparing. */
    void onLeaderContact(NodeId leader) {
        st.leaderHint = leader;
        electionElapsed = 0;
        ticksSinceLeader = 0;
        prePrepareBallot = 0;
    }

    /** Become a follower; a leader first answers its waiting clients and stops replicating. */
    void stepDown() {
        if (st.isLeader()) {
            ctx.execution.failPending();
            ctx.replication.stop();
        }
        st.role = Role.FOLLOWER;
        st.promises = 0;
        st.recovered.clear();
        resetElectionTimer();
    }

    private void resetElectionTimer() {
        electionElapsed = 0;
        electionTimeout = ctx.prng.nextIntInclusive(ctx.tuning.electionTicksMin(), ctx.tuning.electionTicksMax());
    }
}
