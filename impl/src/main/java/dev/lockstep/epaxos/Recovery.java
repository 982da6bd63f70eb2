package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.epaxos.EPaxosMessage.Commit;
import dev.lockstep.epaxos.EPaxosMessage.Recover;
import dev.lockstep.epaxos.EPaxosMessage.RecoverReply;
import dev.lockstep.epaxos.EPaxosMessage.Validate;
import dev.lockstep.epaxos.EPaxosMessage.ValidateReply;
import dev.lockstep.epaxos.EPaxosMessage.Waiting;
import dev.lockstep.epaxos.Round.Recovering;
import java.util.ArrayList;
import java.util.List;

/**
 * Recovery of an instance whose coordinator went quiet, as in EPaxos* (Ryabinin, Gotsman, Sutra,
 * OPODIS 2025, Fig. 3 and 5; contract actions {@code StartRecovery} to {@code WaitingLateReply}),
 * driven by a timeout: a replica that holds (or waits for) an instance that made no progress for
 * {@code recoveryTicks} takes a higher ballot and asks everyone ({@code Recover}). From a slow
 * quorum {@code Q} of answers it commits or re-accepts what was decided or accepted at the
 * highest ballot; else it fills the instance with a no-op when the fast path cannot have
 * committed; else it asks {@code Q} which conflicting instances do not know the candidate
 * ({@code Validate}) and, when that is not conclusive, waits until those instances are committed
 * ({@code Waiting}).
 */
class Recovery {
    protected final EPaxosContext ctx;
    protected final EPaxosState st;
    private long started;

    Recovery(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** One tick of every unsettled instance's timeout; an expired one is recovered by this replica. */
    void tick() {
        for (InstanceId id : st.unsettled.toArray(new InstanceId[0])) {
            Instance x = st.space.get(id);
            if (x.isCommitted()) {
                st.unsettled.remove(id);
                continue;
            }
            x.idleTicks++;
            if (x.idleTicks >= ctx.tuning.recoveryTicks()) {
                startRecovery(x);
            } else if (x.idleTicks == ctx.tuning.recoveryTicks() / 2) {
                requestCommit(x);
            }
        }
    }

    /**
     * Contract {@code RequestCommit(p, i)}: asks the others whether they committed {@code x}
     * (half-way to a recovery, and at once for an instance execution waits for).
     */
    void requestCommit(Instance x) {
        int mark = ctx.out.mark();
        ctx.sendToOthers(new EPaxosMessage.CommitRequest(x.id));
        ctx.tracer.local("RequestCommit", x, mark);
    }

    /** Contract {@code StartRecovery(p, i)}: the next own ballot, a Recover to everyone, and its own answer. */
    void startRecovery(Instance x) {
        long b = Ballots.nextAbove(x.bal, ctx.self.value());
        x.bal = b;
        ctx.durability.changed(x);
        Recovering r = new Recovering(b, ctx.members.size());
        r.record(ctx.selfPos(), replyOf(x));
        x.round = r;
        x.idleTicks = -backoff(++x.recoveryAttempts);
        int mark = ctx.out.mark();
        ctx.sendToOthers(new Recover(x.id, b));
        ctx.tracer.startRecovery(x, mark);
        started++;
        decide(x, r);
    }

    /**
     * Extra ticks before this replica's next attempt on the same instance: doubling with each
     * attempt (up to 8 timeouts) plus a draw of the replica's seed, so that replicas that recover
     * the same instance stop overtaking each other's ballots (duelling proposers; found as a
     * livelock by the simulator).
     */
    private int backoff(int attempts) {
        int t = ctx.tuning.recoveryTicks();
        return t * ((1 << Math.min(attempts - 1, 3)) - 1) + ctx.prng.nextIntInclusive(0, t);
    }

    private RecoverReply replyOf(Instance x) {
        return new RecoverReply(x.id, x.bal, x.abal, x.phase, x.cmd, x.deps, x.seq, x.initDeps, x.initSeq);
    }

    /** Contract {@code HandleRecover(q, m)}: promise the higher ballot and say what this replica holds. */
    void onRecover(NodeId from, Recover m) {
        Instance x = st.space.get(m.inst());
        if (x.bal >= m.bal()) {
            return;
        }
        promise(x, m.bal());
        x.idleTicks = Math.min(x.idleTicks, 0); // another replica is recovering it: give it a full timeout
        ctx.durability.changed(x);
        int mark = ctx.out.mark();
        ctx.out.send(from, replyOf(x));
        ctx.tracer.received("HandleRecover", x, from, m, mark);
    }

    /**
     * Promise ballot {@code b}: only {@code bal} moves, {@code abal} keeps the ballot of what was
     * accepted (Sutra, IPL 2020: one variable for both lets replicas diverge). Overridden only by
     * a deliberately broken test variant.
     */
    protected void promise(Instance x, long b) {
        x.bal = b;
    }

    /** Contract {@code HandleRecoverReply(p, m)}, then the decision once a slow quorum answered. */
    void onRecoverReply(NodeId from, RecoverReply m) {
        Instance x = st.space.find(m.inst());
        if (x == null || !(x.round instanceof Recovering r) || r.ballot() != m.bal() || x.bal != m.bal()) {
            return;
        }
        r.record(ctx.posOf(from), m);
        ctx.tracer.received("HandleRecoverReply", x, from, m, ctx.out.mark());
        x.idleTicks = Math.min(x.idleTicks, 0);
        if (r.stage == Recovering.Stage.RECOVER) {
            decide(x, r);
        } else if (r.stage == Recovering.Stage.WAITING) {
            tryLateReply(x, r);
        }
    }

    /** EPaxos* Fig. 3 lines 50-60: the decision from the answers of {@code Q}. */
    private void decide(Instance x, Recovering r) {
        if (r.stage != Recovering.Stage.RECOVER || Long.bitCount(r.answered) < ctx.quorums.slow()) {
            return;
        }
        r.quorum = r.answered;
        List<RecoverReply> answers = inQuorum(r);
        long bmax = answers.stream().mapToLong(RecoverReply::abal).max().orElse(0);
        List<RecoverReply> top = answers.stream().filter(a -> a.abal() == bmax).toList();
        RecoverReply committed = first(top, Phase.COMMITTED);
        RecoverReply accepted = acceptedToKeep(answers, top);
        if (committed != null) {
            commit(x, committed, "RecoverCommitted");
            return;
        }
        if (accepted != null) {
            acceptReply(x, accepted, "RecoverAccepted");
            return;
        }
        List<RecoverReply> rmax = answers.stream().filter(a -> a.phase() == Phase.PREACCEPTED
                && a.deps().equals(a.initDeps()) && a.seq() == a.initSeq()).toList();
        boolean ownerAnswered = r.inQuorum(ctx.posOf(x.id.owner()));
        if (ownerAnswered || rmax.size() < answers.size() - ctx.quorums.e()) {
            acceptNop(x, "RecoverNop");
        } else {
            startValidate(x, r, rmax);
        }
    }

    protected List<RecoverReply> inQuorum(Recovering r) {
        List<RecoverReply> answers = new ArrayList<>();
        for (int p = 0; p < r.replies.length; p++) {
            if (r.inQuorum(p)) {
                answers.add(r.replies[p]);
            }
        }
        return answers;
    }

    /**
     * The accepted answer a recovery re-accepts: one accepted at the highest ballot of {@code Q}
     * (Paxos: a value accepted at a lower ballot may have lost to the one at the higher).
     * Overridden only by a deliberately broken test variant.
     */
    protected RecoverReply acceptedToKeep(List<RecoverReply> answers, List<RecoverReply> highest) {
        return first(highest, Phase.ACCEPTED);
    }

    static RecoverReply first(List<RecoverReply> answers, Phase phase) {
        return answers.stream().filter(a -> a.phase() == phase).findFirst().orElse(null);
    }

    private void commit(Instance x, RecoverReply a, String action) {
        x.phase = Phase.COMMITTED;
        x.abal = x.bal;
        x.hold(a.cmd(), a.deps(), a.seq());
        int mark = ctx.out.mark();
        ctx.sendToOthers(new Commit(x.id, x.bal, a.cmd(), a.deps(), a.seq()));
        ctx.replication.committed(x, action, mark);
    }

    private void acceptReply(Instance x, RecoverReply a, String action) {
        ctx.replication.accept(x, a.cmd(), a.deps(), a.seq(), action);
    }

    private void acceptNop(Instance x, String action) {
        ctx.replication.accept(x, Payload.Nop.INSTANCE, Deps.none(ctx.members.size()), 0, action);
    }

    /** Contract {@code StartValidate(p, i)} (EPaxos* Fig. 3 line 58, Fig. 5). */
    private void startValidate(Instance x, Recovering r, List<RecoverReply> rmax) {
        RecoverReply a = rmax.get(0);
        r.stage = Recovering.Stage.VALIDATE;
        r.candidate = a.cmd();
        r.candidateDeps = a.deps();
        r.candidateSeq = a.seq();
        r.rmax = rmax.size();
        validateHere(x, a.cmd(), a.deps(), a.seq());
        r.validated = Membership.bit(ctx.selfPos());
        r.conflicts.addAll(conflictsOf(x.id, a.cmd(), a.deps()));
        int mark = ctx.out.mark();
        for (int p : ctx.members.others()) {
            if (r.inQuorum(p)) {
                ctx.out.send(ctx.members.at(p), new Validate(x.id, x.bal, a.cmd(), a.deps(), a.seq()));
            }
        }
        ctx.tracer.local("StartValidate", x, mark);
        finishValidate(x, r);
    }

    /**
     * Takes a validation's candidate as the instance's initial command and attributes; the
     * command itself only where none is held yet: a duplicated or late Validate that arrives
     * after the recovery's own Accept must not overwrite the accepted (or committed) command
     * (EPaxos* l. 82-85 writes it unconditionally, which is unsafe when channels duplicate:
     * found by the simulator).
     */
    private void validateHere(Instance x, Payload c, Deps d, long s) {
        if (x.phase == Phase.NONE) {
            x.cmd = c;
            ctx.replication.remember(x);
        }
        x.holdInitial(c, d, s);
        ctx.durability.changed(x);
    }

    /** Contract {@code HandleValidate(q, m)} (EPaxos* Fig. 5 lines 81-87): only at the ballot promised. */
    void onValidate(NodeId from, Validate m) {
        Instance x = st.space.get(m.inst());
        if (x.bal != m.bal()) {
            return;
        }
        takeCandidate(x, m.cmd(), m.deps(), m.seq());
        int mark = ctx.out.mark();
        ctx.out.send(from, new ValidateReply(m.inst(), m.bal(), conflictsOf(m.inst(), m.cmd(), m.deps())));
        ctx.tracer.received("HandleValidate", x, from, m, mark);
    }

    /** How a validation's candidate is taken. Overridden only by a deliberately broken test variant. */
    protected void takeCandidate(Instance x, Payload c, Deps d, long s) {
        validateHere(x, c, d, s);
    }

    /**
     * The validation's conflicts here (spec {@code ValidationConflicts}; the reference spec's
     * {@code ComputeI}): the other instances outside {@code d} that do not know {@code i}, with
     * their phase; of the committed ones only the highest of each row. Only rows' tails above
     * {@code d} can hold one. Where no held instance of a row is such a committed conflict, the
     * highest forgotten one that conflicts is (a forgotten instance is committed and, depending
     * only on forgotten ones, never knows a held {@code i}).
     */
    protected List<EPaxosMessage.Conflict> conflictsOf(InstanceId i, Payload c, Deps d) {
        List<EPaxosMessage.Conflict> found = new ArrayList<>();
        int iPos = st.space.ownerPos(i);
        for (int p = 0; p < ctx.members.size(); p++) {
            Instance top = null;
            for (Instance j : st.space.above(p, d.at(p))) {
                if (!j.id.equals(i) && unaware(j, iPos, i.num(), c)) {
                    if (j.isCommitted()) {
                        top = j;
                    } else {
                        found.add(new EPaxosMessage.Conflict(j.id, j.phase));
                    }
                }
            }
            if (top != null) {
                found.add(new EPaxosMessage.Conflict(top.id, Phase.COMMITTED));
            } else {
                long old = st.forgotten.highestConflicting(p, c);
                if (old > d.at(p)) {
                    found.add(new EPaxosMessage.Conflict(new InstanceId(ctx.members.at(p), old), Phase.COMMITTED));
                }
            }
        }
        return found;
    }

    private static boolean unaware(Instance j, int iPos, long iNum, Payload c) {
        if (j.isCommitted()) {
            return !j.cmd.isNop() && Payload.conflict(j.cmd, c) && !j.deps.covers(iPos, iNum);
        }
        return j.initCmd != null && Payload.conflict(j.initCmd, c) && !j.initDeps.covers(iPos, iNum);
    }

    /** Contract {@code HandleValidateReply(p, m)}, then the validation's outcome once {@code Q} answered. */
    void onValidateReply(NodeId from, ValidateReply m) {
        Instance x = st.space.find(m.inst());
        int pos = ctx.posOf(from);
        if (x == null || !(x.round instanceof Recovering r) || r.stage != Recovering.Stage.VALIDATE
                || r.ballot() != m.bal() || x.bal != m.bal() || !r.inQuorum(pos)) {
            return;
        }
        r.validated |= Membership.bit(pos);
        r.conflicts.addAll(m.conflicts());
        ctx.tracer.received("HandleValidateReply", x, from, m, ctx.out.mark());
        finishValidate(x, r);
    }

    /** EPaxos* Fig. 5 lines 61-68: accept, fill with a no-op, or wait. */
    private void finishValidate(Instance x, Recovering r) {
        if (r.validated != r.quorum) {
            return;
        }
        if (r.conflicts.isEmpty()) {
            ctx.replication.accept(x, r.candidate, r.candidateDeps, r.candidateSeq, "ValidateAccept");
        } else if (r.conflicts.stream().anyMatch(k -> k.phase() == Phase.COMMITTED)
                || r.rmax == Long.bitCount(r.quorum) - ctx.quorums.e()
                        && r.conflicts.stream().anyMatch(k -> !r.inQuorum(ctx.posOf(k.inst().owner())))) {
            acceptNop(x, "ValidateNop");
        } else {
            r.stage = Recovering.Stage.WAITING;
            int mark = ctx.out.mark();
            ctx.sendToOthers(new Waiting(x.id, r.rmax));
            ctx.tracer.local("StartWaiting", x, mark);
            tryWaiting(x, r);
        }
    }

    /** Contract {@code HandleWaiting(q, m)}: remember the highest {@code k} per instance. */
    void onWaiting(NodeId from, Waiting m) {
        st.waitingNotices.merge(m.inst(), m.k(), Math::max);
        Instance x = st.space.get(m.inst());
        ctx.tracer.received("HandleWaiting", x, from, m, ctx.out.mark());
    }

    /** After every step: the waiting recoveries that can now decide (EPaxos* Fig. 5 lines 69-80). */
    void recheckWaiting() {
        for (InstanceId id : st.unsettled.toArray(new InstanceId[0])) {
            Instance x = st.space.find(id);
            if (x != null && x.round instanceof Recovering r && r.stage == Recovering.Stage.WAITING) {
                tryWaiting(x, r);
            }
        }
    }

    /** Only while the waiting round's ballot is still the instance's promise (reference spec: recoveryAttemptBal = bal). */
    private void tryWaiting(Instance x, Recovering r) {
        if (!stillPromised(x, r)) {
            return;
        }
        int iPos = st.space.ownerPos(x.id);
        boolean allKnow = true;
        for (EPaxosMessage.Conflict k : r.conflicts) {
            if (st.space.isForgotten(k.inst())) {
                // committed, and depending only on forgotten instances it does not know x
                if (!st.forgotten.isNop(st.space.ownerPos(k.inst()), k.inst().num())) {
                    acceptNop(x, "WaitingNop");
                    return;
                }
                continue;
            }
            Instance j = st.space.find(k.inst());
            boolean committed = j != null && j.isCommitted();
            if (committed && !j.cmd.isNop() && !j.deps.covers(iPos, x.id.num())) {
                acceptNop(x, "WaitingNop");
                return;
            }
            allKnow &= committed;
        }
        if (allKnow) {
            ctx.replication.accept(x, r.candidate, r.candidateDeps, r.candidateSeq, "WaitingAccept");
            return;
        }
        for (EPaxosMessage.Conflict k : r.conflicts) {
            Long notice = st.waitingNotices.get(k.inst());
            if (notice != null && notice > ctx.quorums.n() - ctx.quorums.f() - ctx.quorums.e()) {
                acceptNop(x, "WaitingNop");
                return;
            }
        }
        tryLateReply(x, r);
    }

    /** Contract {@code WaitingLateReply(p, i)}: an answer from outside {@code Q} settles it. */
    private void tryLateReply(Instance x, Recovering r) {
        int ownerPos = ctx.posOf(x.id.owner());
        for (int p = 0; p < r.replies.length; p++) {
            RecoverReply a = r.replies[p];
            if (a == null || r.inQuorum(p)) {
                continue;
            }
            if (a.phase() == Phase.COMMITTED) {
                commit(x, a, "WaitingLateReply");
                return;
            } else if (a.phase() == Phase.ACCEPTED) {
                acceptReply(x, a, "WaitingLateReply");
                return;
            } else if (p == ownerPos) {
                acceptNop(x, "WaitingLateReply");
                return;
            }
        }
    }

    /** A round may act only while its ballot is the instance's promise. Overridden only by a broken test variant. */
    protected boolean stillPromised(Instance x, Recovering r) {
        return x.bal == r.ballot();
    }

    long started() {
        return started;
    }
}
