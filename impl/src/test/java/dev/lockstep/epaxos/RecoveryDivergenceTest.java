package dev.lockstep.epaxos;

import dev.lockstep.core.Message;
import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ClusterInvariant.Violation;
import dev.lockstep.core.ScriptedCluster;
import dev.lockstep.core.ScriptedCluster.Envelope;
import dev.lockstep.kv.RequestId;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The exact schedules on which the published EPaxos recovery bugs make two replicas commit
 * different things for one instance, each run against the real core (nothing diverges) and
 * against the broken variant of {@link BrokenEPaxosVariants} (the invariants after every step
 * report {@code CommittedOnce}). The simulator finds these by search; here they are fixed, so
 * each bug stays documented and caught whatever the simulator's seeds do.
 */
class RecoveryDivergenceTest {

    // ---- A recovery must re-accept the value accepted at the highest ballot of its quorum ----

    @Test
    void aRecoveryReAcceptsTheValueOfTheHighestBallotNotAnOlderAcceptance() {
        EPaxosCluster c = olderAcceptanceBesideAChosenNop(EPaxosConcerns.DEFAULT);
        assertTrue(c.firstViolation.isEmpty(), () -> "" + c.firstViolation);
        assertEquals(1, c.tracesOf(n(3), "RecoverAccepted").size());
        for (int k = 1; k <= 3; k++) {
            Instance x = c.instance(k, inst(1, 1));
            assertEquals(Phase.COMMITTED, x.phase, "at n" + k);
            assertTrue(x.cmd.isNop(), "the no-op n2 committed, at n" + k + ": " + x);
        }
    }

    @Test
    void aRecoveryThatIgnoresTheHighestBallotCommitsTheOlderAcceptanceBesideTheChosenNop() {
        EPaxosCluster c = olderAcceptanceBesideAChosenNop(BrokenEPaxosVariants.RECOVERY_IGNORES_BALLOT);
        assertCommittedTwice(c, inst(1, 1));
        assertTrue(c.instance(2, inst(1, 1)).cmd.isNop(), "n2 committed the no-op");
        assertFalse(c.instance(3, inst(1, 1)).cmd.isNop(), "n3 committed n1's command accepted at ballot 0");
    }

    /**
     * Three replicas. n2's {@code x} (2.1) commits on the fast path without n1 hearing of it; n1
     * proposes 1.1 on {@code x}, n2 and n3 add 2.1, so n1 takes the slow path and accepts
     * {@code (1.1, deps 2.1)} at ballot 0, but its Accepts are lost. n1 goes quiet; n2 recovers
     * 1.1 with n3 (nothing accepted, nothing pre-accepted with the initial attributes: a
     * no-op), n3 accepts the no-op at ballot 258 and n2 commits it; n2's Commits are lost and n2
     * is cut off. n3 then recovers 1.1 with n1: n1 answers its acceptance at ballot 0, n3 its
     * own at 258. Only the ballot tells which one may have been chosen.
     */
    static EPaxosCluster olderAcceptanceBesideAChosenNop(EPaxosConcerns concerns) {
        EPaxosCluster c = new EPaxosCluster(3, concerns, Map.of());
        c.dropRule = cut(n(1));
        c.submit(n(2), new RequestId(2, 1), put("x", "b"));
        c.deliverAll();
        assertEquals(Phase.COMMITTED, c.instance(3, inst(2, 1)).phase, "2.1 fast-committed by n2 and n3");

        c.dropRule = e -> e.from().equals(n(1)) && e.message() instanceof EPaxosMessage.Accept;
        c.submit(n(1), new RequestId(1, 1), put("x", "a"));
        c.deliverAll();
        Instance atOwner = c.instance(1, inst(1, 1));
        assertEquals(Phase.ACCEPTED, atOwner.phase, "n1's slow path: " + atOwner);
        assertEquals(0, atOwner.abal);
        assertTrue(atOwner.deps.covers(1, 1), "n1 accepted 1.1 with 2.1 among its deps: " + atOwner);
        assertEquals(Phase.PREACCEPTED, c.instance(3, inst(1, 1)).phase, "n1's Accept never reached n3");

        c.dropRule = cut(n(1)).or(e -> e.from().equals(n(2)) && e.message() instanceof EPaxosMessage.Commit);
        tickUntilCommitted(c, 2);
        assertTrue(c.instance(2, inst(1, 1)).cmd.isNop(), "n2's recovery chose a no-op");
        Instance atN3 = c.instance(3, inst(1, 1));
        assertEquals(Phase.ACCEPTED, atN3.phase, "n3 accepted the no-op, its Commit was lost: " + atN3);
        assertTrue(atN3.abal > 0 && atN3.cmd.isNop());

        c.dropRule = cut(n(2));
        tickUntilCommitted(c, 3);
        return c;
    }

    // ---- A Validate must not overwrite what its own recovery accepted since ----

    @Test
    void aDuplicatedValidateAfterTheRecoveryAcceptedANopLeavesTheNop() {
        EPaxosCluster c = duplicatedValidateAfterTheNopWasAccepted(EPaxosConcerns.DEFAULT);
        assertTrue(c.firstViolation.isEmpty(), () -> "" + c.firstViolation);
        for (int k = 2; k <= 5; k++) {
            Instance x = c.instance(k, inst(1, 1));
            assertTrue(x.cmd.isNop(), "the no-op n2 committed, at n" + k + ": " + x);
        }
        assertEquals(Phase.COMMITTED, c.instance(4, inst(1, 1)).phase);
    }

    @Test
    void aDuplicatedValidateThatOverwritesTheAcceptedNopLetsALaterRecoveryCommitTheCommand() {
        EPaxosCluster c = duplicatedValidateAfterTheNopWasAccepted(BrokenEPaxosVariants.LATE_VALIDATE_OVERWRITES);
        assertCommittedTwice(c, inst(1, 1));
        assertTrue(c.instance(2, inst(1, 1)).cmd.isNop(), "n2 committed the no-op");
        Instance atN4 = c.instance(4, inst(1, 1));
        assertFalse(atN4.cmd.isNop(), "n4 committed n1's command with the no-op's empty deps: " + atN4);
    }

    /**
     * Five replicas (slow and fast quorums of 3, e = 2). n5's {@code x} (5.1) commits on the fast
     * path with n3 and n4; n1 and n2 never hear of it. n1 proposes 1.1 on {@code x}; only n2
     * pre-accepts it (with the initial attributes), and n1 goes quiet. n2 recovers 1.1 with n3
     * and n4: its own answer may be what the fast path committed, so it validates; n3 and n4
     * report 5.1, committed without 1.1 among its deps, so n2 accepts a no-op at ballot 258 and
     * commits it; its Commits are lost and n2 is cut off. The network then delivers a second copy
     * of n2's Validate to n3, after n3 accepted the no-op. Finally n4 recovers 1.1 with n3 and n5:
     * all three answer an acceptance at ballot 258, and it takes the first.
     */
    static EPaxosCluster duplicatedValidateAfterTheNopWasAccepted(EPaxosConcerns concerns) {
        EPaxosCluster c = new EPaxosCluster(5, concerns, Map.of());
        Envelope<Message> validateToN3 = recoverToANopByValidation(c);
        c.deliver(validateToN3);
        assertEquals(2, c.tracesOf(n(3), "HandleValidate").size(), "the duplicate arrived after the Accept");
        assertEquals(Phase.ACCEPTED, c.instance(3, inst(1, 1)).phase);

        c.dropRule = cut(n(1)).or(cut(n(2)));

        tickUntilCommitted(c, 4);
        return c;
    }

    /**
     * The first part of {@link #duplicatedValidateAfterTheNopWasAccepted}: n2's recovery of 1.1
     * validates, meets 5.1 committed without 1.1 and commits a no-op ({@code ValidateNop}), which n3
     * accepted. Returns the copy of n2's Validate to n3 that the network could deliver again.
     */
    static Envelope<Message> recoverToANopByValidation(EPaxosCluster c) {
        c.dropRule = e -> e.to().equals(n(1)) || e.to().equals(n(2));
        c.submit(n(5), new RequestId(5, 1), put("x", "e"));
        c.deliverAll();
        assertEquals(1, c.tracesOf(n(5), "FastCommit").size(), "5.1 fast-committed by n3, n4, n5");

        c.proposeAtN1SeenOnlyByN2();

        c.dropRule = cut(n(1)).or(e -> e.from().equals(n(2)) && e.message() instanceof EPaxosMessage.Commit);
        Envelope<Message> validateToN3 = null;
        for (int t = 0; t < 40 && !c.instance(2, inst(1, 1)).isCommitted(); t++) {
            c.tick(n(2));
            while (!c.network.isEmpty()) {
                Envelope<Message> e = c.network.pollFirst();
                if (validateToN3 == null && e.to().equals(n(3)) && e.message() instanceof EPaxosMessage.Validate) {
                    validateToN3 = e;
                }
                c.deliver(e);
            }
        }
        assertEquals(1, c.tracesOf(n(2), "ValidateNop").size(), "5.1 is a committed conflict that misses 1.1");
        assertTrue(c.instance(2, inst(1, 1)).isCommitted());
        assertNotNull(validateToN3, "n2 validated with n3");
        Instance atN3 = c.instance(3, inst(1, 1));
        assertEquals(Phase.ACCEPTED, atN3.phase);
        assertTrue(atN3.cmd.isNop(), "n3 accepted the no-op: " + atN3);

        return validateToN3;
    }

    /** Five replicas, the correct core: the schedule up to n2's no-op commit by validation. */
    static EPaxosCluster nopCommittedByValidation() {
        EPaxosCluster c = new EPaxosCluster(5, EPaxosConcerns.DEFAULT, Map.of());
        recoverToANopByValidation(c);
        return c;
    }

    // ---- helpers ----

    /** Ticks replica {@code k} alone (delivering after each tick) until it committed 1.1: it recovers it. */
    private static void tickUntilCommitted(EPaxosCluster c, int k) {
        for (int t = 0; t < 40 && !c.instance(k, inst(1, 1)).isCommitted(); t++) {
            c.tick(n(k));
            c.deliverAll();
        }
        assertTrue(c.instance(k, inst(1, 1)).isCommitted(), "n" + k + " recovered 1.1: " + c.instance(k, inst(1, 1)));
    }

    /** Every message from or to {@code id} is lost. */
    private static Predicate<Envelope<Message>> cut(NodeId id) {
        return ScriptedCluster.isolating(id);
    }

    private static void assertCommittedTwice(EPaxosCluster c, InstanceId id) {
        assertTrue(c.firstViolation.isPresent(), "the invariants report the divergence");
        Violation v = c.firstViolation.get();
        assertEquals("CommittedOnce", v.invariant(), v.toString());
        assertTrue(v.detail().startsWith(id + " "), v.toString());
    }
}
