package dev.lockstep.epaxos;

import dev.lockstep.core.Message;
import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ScriptedCluster;
import dev.lockstep.core.ScriptedCluster.Envelope;
import dev.lockstep.kv.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * EPaxos*'s waiting stage (Fig. 5, l. 66-78; contract StartWaiting, WaitingNop): a recovery whose
 * validation found a conflict that does not know its instance, not yet committed, waits for it;
 * when the conflict commits without the instance, the instance cannot have been committed on the
 * fast path and becomes a no-op. This schedule is the one the seeded runs do not reach (see
 * docs/protocols/epaxos.md, "What the trace covers").
 */
class WaitingTest {

    /**
     * Five replicas (n - f = 3, e = 2). n5 proposes 5.1 on {@code x}; n3 and n4 pre-accept it,
     * and their answers are held back. n1 proposes 1.1 on {@code x}; only n2 pre-accepts it, and
     * n1 goes quiet. n2 recovers 1.1 with n3 and n5 (n4 unreachable): its own answer may be what a
     * fast path committed, so it validates; n3 and n5 report 5.1, pre-accepted without 1.1, owned
     * inside the quorum: n2 waits. The held answers reach n5, which commits 5.1 on the fast path
     * without 1.1; its Commit reaches n2, which accepts and commits a no-op for 1.1.
     */
    @Test
    void aRecoveryWaitingOnAConflictThatCommitsWithoutItAcceptsANop() {
        assertANopCommittedAtN2(waitingOnAConflictThatCommitsWithoutIt());
    }

    /** 1.1 became a no-op, committed at n2 (its Accept reached a quorum), and no invariant broke. */
    private static void assertANopCommittedAtN2(EPaxosCluster c) {
        Instance decided = c.instance(2, inst(1, 1));
        assertEquals(Phase.COMMITTED, decided.phase, "n2's no-op Accept reached a quorum: " + decided);
        assertTrue(decided.cmd.isNop(), "1.1 became a no-op: " + decided);
        assertTrue(c.firstViolation.isEmpty(), () -> "" + c.firstViolation);
    }

    /**
     * The late answer of EPaxos* Fig. 5 l. 79-80 (contract WaitingLateReply): as above up to the
     * waiting stage, but n2's Recover to n1 is held back instead of lost. It reaches n1 while n2
     * waits; n1, the initial coordinator, answers from outside the quorum, and since it can no
     * longer commit 1.1 at ballot 0 once it promised n2's ballot, n2 accepts a no-op.
     */
    @Test
    void aLateAnswerOfTheInitialCoordinatorEndsTheWaitWithANop() {
        assertANopCommittedAtN2(waitingThenALateAnswerOfTheOwner());
    }

    /** The schedule above, with tracing on; its trace is validated in model-tests (WaitingTraceTest). */
    static EPaxosCluster waitingThenALateAnswerOfTheOwner() {
        EPaxosCluster c = new EPaxosCluster(5);
        preAcceptedOnlyAtN2(c);
        c.dropRule = e -> e.from().equals(n(1)) || e.from().equals(n(4)) || e.to().equals(n(4));
        List<Envelope<Message>> toN1 = new ArrayList<>();
        for (int t = 0; t < 40 && c.tracesOf(n(2), "StartWaiting").isEmpty(); t++) {
            c.tick(n(2));
            while (!c.network.isEmpty()) {
                Envelope<Message> e = c.network.pollFirst();
                if (e.to().equals(n(1))) {
                    toN1.add(e);
                } else {
                    c.deliver(e);
                }
            }
        }
        assertEquals(1, c.tracesOf(n(2), "StartWaiting").size(), "5.1 does not know 1.1 and is not committed");
        c.dropRule = e -> e.from().equals(n(4)) || e.to().equals(n(4));
        toN1.stream().filter(e -> e.message() instanceof EPaxosMessage.Recover).forEach(c::deliver);
        c.deliverAll();
        assertEquals(1, c.tracesOf(n(2), "WaitingLateReply").size(), "n1's answer arrived late, from outside Q");
        return c;
    }

    /** The schedule above, with tracing on; its trace is validated in model-tests (WaitingTraceTest). */
    static EPaxosCluster waitingOnAConflictThatCommitsWithoutIt() {
        EPaxosCluster c = new EPaxosCluster(5);
        List<Envelope<Message>> heldBack = preAcceptedOnlyAtN2(c);
        c.dropRule = ScriptedCluster.<Message>isolating(n(1)).or(ScriptedCluster.isolating(n(4)));
        for (int t = 0; t < 40 && c.tracesOf(n(2), "StartWaiting").isEmpty(); t++) {
            c.tick(n(2));
            c.deliverAll();
        }
        assertEquals(1, c.tracesOf(n(2), "StartValidate").size(), "n2 validated 1.1");
        assertEquals(1, c.tracesOf(n(2), "StartWaiting").size(), "5.1 does not know 1.1 and is not committed");
        assertFalse(c.instance(2, inst(1, 1)).isCommitted());

        c.dropRule = ScriptedCluster.isolating(n(1));
        heldBack.forEach(c::deliver);
        c.deliverAll();
        assertEquals(1, c.tracesOf(n(5), "FastCommit").size(), "5.1 fast-committed by n3, n4, n5");
        assertFalse(c.instance(5, inst(5, 1)).deps.covers(0, 1), "5.1 committed without 1.1");
        assertEquals(1, c.tracesOf(n(2), "WaitingNop").size(), "n2 learnt 5.1's commit: 1.1 cannot have been fast");
        return c;
    }

    /**
     * n5 proposes 5.1 on {@code x}, pre-accepted by n3 and n4, whose answers are returned (held
     * back); then n1 proposes 1.1 on {@code x}, pre-accepted only by n2.
     */
    private static List<Envelope<Message>> preAcceptedOnlyAtN2(EPaxosCluster c) {
        List<Envelope<Message>> heldBack = new ArrayList<>();
        c.dropRule = e -> e.from().equals(n(5)) && (e.to().equals(n(1)) || e.to().equals(n(2)));
        c.submit(n(5), new RequestId(5, 1), put("x", "e"));
        while (!c.network.isEmpty()) {
            Envelope<Message> e = c.network.pollFirst();
            if (e.message() instanceof EPaxosMessage.PreAcceptReply) {
                heldBack.add(e);
            } else {
                c.deliver(e);
            }
        }
        assertEquals(2, heldBack.size(), "n3 and n4 answered 5.1");
        assertEquals(Phase.PREACCEPTED, c.instance(3, inst(5, 1)).phase);

        c.proposeAtN1SeenOnlyByN2();

        return heldBack;
    }
}
