package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.epaxos.EPaxosMessage.Accept;
import dev.lockstep.epaxos.EPaxosMessage.AcceptReply;
import dev.lockstep.epaxos.EPaxosMessage.Commit;
import dev.lockstep.epaxos.EPaxosMessage.PreAccept;
import dev.lockstep.epaxos.EPaxosMessage.PreAcceptReply;
import dev.lockstep.common.Membership;

/**
 * The commit protocol (EPaxos §4.2, Fig. 2; contract actions {@code Propose} to
 * {@code HandleCommit}): the coordinator pre-accepts a command with the dependencies and seq it
 * knows of, every other replica adds its own, identical answers from a fast quorum commit at once
 * ({@code FastCommit}), any other slow quorum of answers goes through a Paxos Accept round
 * ({@code SlowAccept}, {@code CommitAccepted}); the decision is broadcast ({@code Commit}).
 */
class Replication {
    protected final EPaxosContext ctx;
    protected final EPaxosState st;
    private long fastCommits;
    private long slowCommits;

    Replication(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** Contract {@code Propose(p, i, c)}: a new own instance, pre-accepted here and sent to every peer. */
    InstanceId propose(Payload cmd) {
        InstanceId id = new InstanceId(ctx.self, st.next);
        st.next++;
        Instance x = st.space.get(id);
        ConflictIndex.Conflicts c = st.known.of(cmd);
        x.phase = Phase.PREACCEPTED;
        x.hold(cmd, c.deps(), 1 + c.maxSeq());
        x.holdInitial(cmd, x.deps, x.seq);
        remember(x);
        ctx.durability.changed(x);
        Round.PreAccepting round = new Round.PreAccepting(ctx.members.size());
        round.record(ctx.selfPos(), x.deps, x.seq);
        x.round = round;
        int mark = ctx.out.mark();
        ctx.sendToOthers(new PreAccept(id, cmd, x.deps, x.seq));
        ctx.tracer.propose(x, mark);
        st.unsettled.add(id);
        decidePreAccept(x);
        return id;
    }

    /** Contract {@code HandlePreAccept(q, m)}: only a replica that never saw the instance answers. */
    void onPreAccept(NodeId from, PreAccept m) {
        Instance x = st.space.get(m.inst());
        if (x.phase != Phase.NONE || x.bal != 0) {
            return;
        }
        ConflictIndex.Conflicts c = st.known.of(m.cmd());
        x.phase = Phase.PREACCEPTED;
        x.hold(m.cmd(), attributedDeps(m.deps(), c), Math.max(m.seq(), 1 + c.maxSeq()));
        x.holdInitial(m.cmd(), m.deps(), m.seq());
        remember(x);
        ctx.durability.changed(x);
        int mark = ctx.out.mark();
        ctx.out.send(from, new PreAcceptReply(m.inst(), x.deps, x.seq));
        ctx.tracer.received("HandlePreAccept", x, from, m, mark);
        st.unsettled.add(x.id);
        progress(x);
    }

    /** The dependencies a replica attributes: the proposal's joined with its own conflicts. */
    protected Deps attributedDeps(Deps proposed, ConflictIndex.Conflicts own) {
        return proposed.join(own.deps());
    }

    /** Contract {@code HandlePreAcceptReply(p, m)}, then {@code FastCommit} or {@code SlowAccept} when enabled. */
    void onPreAcceptReply(NodeId from, PreAcceptReply m) {
        Instance x = st.space.find(m.inst());
        if (x == null || !(x.round instanceof Round.PreAccepting r) || x.bal != 0 || x.phase != Phase.PREACCEPTED) {
            return;
        }
        r.record(ctx.posOf(from), m.deps(), m.seq());
        ctx.tracer.received("HandlePreAcceptReply", x, from, m, ctx.out.mark());
        progress(x);
        decidePreAccept(x);
    }

    /**
     * The coordinator's choice once a slow quorum answered: fast when a fast quorum agrees with the
     * initial attributes; slow when that can no longer happen (too few peers that look alive are
     * still to answer) or the fast-path wait ran out.
     */
    private void decidePreAccept(Instance x) {
        if (!(x.round instanceof Round.PreAccepting r) || x.bal != 0 || x.phase != Phase.PREACCEPTED
                || r.answers() < ctx.quorums.slow()) {
            return;
        }
        int equal = r.equalTo(x.initDeps, x.initSeq);
        if (fastPathAllowed(r, equal)) {
            fastCommit(x);
        } else if (equal + aliveStillToAnswer(r) < ctx.quorums.fast() || r.waitedTicks >= ctx.tuning.fastWaitTicks()) {
            slowAccept(x, r);
        }
    }

    /** The fast-path rule: a fast quorum of answers equal to the initial attributes. */
    protected boolean fastPathAllowed(Round.PreAccepting r, int equalAnswers) {
        return equalAnswers >= ctx.quorums.fast();
    }

    private int aliveStillToAnswer(Round.PreAccepting r) {
        int n = 0;
        for (NodeId peer : st.livePeers) {
            int pos = ctx.posOf(peer);
            if (pos >= 0 && (r.answered & Membership.bit(pos)) == 0) {
                n++;
            }
        }
        return n;
    }

    /** Contract {@code FastCommit(p, i)}: commit the initial attributes at ballot 0. */
    protected void fastCommit(Instance x) {
        x.phase = Phase.COMMITTED;
        x.hold(x.cmd, x.initDeps, x.initSeq);
        int mark = ctx.out.mark();
        ctx.sendToOthers(new Commit(x.id, 0, x.cmd, x.deps, x.seq));
        fastCommits++;
        committed(x, "FastCommit", mark);
    }

    /** Contract {@code SlowAccept(p, i)}: accept the union of the answers at ballot 0. */
    private void slowAccept(Instance x, Round.PreAccepting r) {
        Deps d = x.deps;
        long s = x.seq;
        for (int p = 0; p < r.deps.length; p++) {
            if ((r.answered & Membership.bit(p)) != 0) {
                d = d.join(r.deps[p]);
                s = Math.max(s, r.seqs[p]);
            }
        }
        x.phase = Phase.ACCEPTED;
        x.hold(x.cmd, d, s);
        remember(x);
        ctx.durability.changed(x);
        x.round = new Round.Accepting(0, ctx.selfPos());
        int mark = ctx.out.mark();
        ctx.sendToOthers(new Accept(x.id, 0, x.cmd, d, s));
        ctx.tracer.local("SlowAccept", x, mark);
    }

    /** Starts an Accept round at the instance's ballot for {@code (cmd, d, s)} (slow path and recovery). */
    void accept(Instance x, Payload cmd, Deps d, long s, String action) {
        x.phase = Phase.ACCEPTED;
        x.abal = x.bal;
        x.hold(cmd, d, s);
        remember(x);
        ctx.durability.changed(x);
        x.round = new Round.Accepting(x.bal, ctx.selfPos());
        int mark = ctx.out.mark();
        ctx.sendToOthers(new Accept(x.id, x.bal, cmd, d, s));
        ctx.tracer.local(action, x, mark);
        decideAccept(x);
    }

    /** Contract {@code HandleAccept(q, m)}: accept unless a higher ballot was promised. */
    void onAccept(NodeId from, Accept m) {
        Instance x = st.space.get(m.inst());
        if (x.bal > m.bal()) {
            return;
        }
        if (!x.isCommitted()) {
            x.bal = m.bal();
            x.abal = m.bal();
            x.phase = Phase.ACCEPTED;
            x.hold(m.cmd(), m.deps(), m.seq());
            remember(x);
            ctx.durability.changed(x);
            st.unsettled.add(x.id);
        }
        int mark = ctx.out.mark();
        ctx.out.send(from, new AcceptReply(m.inst(), m.bal()));
        ctx.tracer.received("HandleAccept", x, from, m, mark);
        progress(x);
    }

    /** Contract {@code HandleAcceptReply(p, m)}, then {@code CommitAccepted} when a slow quorum accepted. */
    void onAcceptReply(NodeId from, AcceptReply m) {
        Instance x = st.space.find(m.inst());
        if (x == null || !(x.round instanceof Round.Accepting r) || r.ballot() != m.bal() || x.bal != m.bal()
                || x.phase != Phase.ACCEPTED) {
            return;
        }
        r.acks |= Membership.bit(ctx.posOf(from));
        ctx.tracer.received("HandleAcceptReply", x, from, m, ctx.out.mark());
        progress(x);
        decideAccept(x);
    }

    private void decideAccept(Instance x) {
        if (x.round instanceof Round.Accepting r && Long.bitCount(r.acks) >= ctx.quorums.slow()) {
            x.phase = Phase.COMMITTED;
            int mark = ctx.out.mark();
            ctx.sendToOthers(new Commit(x.id, x.bal, x.cmd, x.deps, x.seq));
            slowCommits++;
            committed(x, "CommitAccepted", mark);
        }
    }

    /** Contract {@code HandleCommit(q, m)}. */
    void onCommit(NodeId from, Commit m) {
        Instance x = st.space.get(m.inst());
        if (x.isCommitted()) {
            return;
        }
        x.phase = Phase.COMMITTED;
        x.bal = Math.max(x.bal, m.bal());
        x.abal = m.bal();
        x.hold(m.cmd(), m.deps(), m.seq());
        int mark = ctx.out.mark();
        ctx.tracer.received("HandleCommit", x, from, m, mark);
        settle(x);
    }

    /**
     * Contract {@code HandleCommitRequest(q, m)}: a replica that committed the instance sends its
     * commit again; one that did not answers nothing (the line is still traced, so the request
     * leaves the spec's network as it left the real one). An instance not heard of is traced as
     * it would be held: phase none, ballot 0, without being created.
     */
    void onCommitRequest(NodeId from, EPaxosMessage.CommitRequest m) {
        Instance held = st.space.find(m.inst());
        Instance x = held != null ? held : new Instance(m.inst(), ctx.members.size());
        int mark = ctx.out.mark();
        if (x.isCommitted()) {
            ctx.out.send(from, new Commit(x.id, x.abal, x.cmd, x.deps, x.seq));
        }
        ctx.tracer.received("HandleCommitRequest", x, from, m, mark);
    }

    /** A commit decided here (fast, slow, or by a recovery): broadcast already queued at {@code mark}. */
    void committed(Instance x, String action, int mark) {
        ctx.tracer.local(action, x, mark);
        settle(x);
    }

    private void settle(Instance x) {
        remember(x);
        ctx.durability.changed(x);
        x.round = null;
        st.unsettled.remove(x.id);
        st.committedThisStep.add(x);
        ctx.execution.committed(x);
        if (ctx.owns(x.id)) {
            ctx.proposals.committed(x.id, x.cmd);
        }
    }

    /** Every assignment of a command and seq is remembered for later attributions (contract {@code known}). */
    void remember(Instance x) {
        st.known.remember(st.space.ownerPos(x.id), x.id.num(), x.cmd, x.seq);
    }

    /** The instance made progress: its recovery timeout starts again. */
    void progress(Instance x) {
        x.idleTicks = 0;
    }

    /** One tick of the fast-path wait of every own PreAccept round that has a slow quorum. */
    void tick() {
        for (InstanceId id : st.unsettled.toArray(new InstanceId[0])) {
            Instance x = st.space.find(id);
            if (x != null && x.round instanceof Round.PreAccepting r && r.answers() >= ctx.quorums.slow()) {
                r.waitedTicks++;
                decidePreAccept(x);
            }
        }
    }

    /** The failure detector changed its view: a round waiting for a fast quorum may now decide. */
    void livePeersChanged() {
        for (InstanceId id : st.unsettled.toArray(new InstanceId[0])) {
            Instance x = st.space.find(id);
            if (x != null && x.round instanceof Round.PreAccepting) {
                decidePreAccept(x);
            }
        }
    }

    long fastCommits() {
        return fastCommits;
    }

    long slowCommits() {
        return slowCommits;
    }
}
