package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.Event;
import dev.lockstep.core.Replica;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every invariant holds on a healthy cluster and fails on a state that breaks it. */
class PaxosInvariantsTest {

    /** n1 leads ballot 257; slots 1..3 are chosen and committed everywhere. */
    private static PaxosCluster healthy() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        for (int k = 1; k <= 3; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
        }
        c.settle(n(1));
        assertEquals(3, c.node(3).view().commitIndex());
        return c;
    }

    private static String violated(PaxosCluster c) {
        return PaxosInvariants.INSTANCE.check(new ArrayList<Replica>(c.live.values()))
                .map(v -> v.invariant()).orElse("none");
    }

    @Test
    void aHealthyClusterSatisfiesEveryInvariant() {
        PaxosCluster c = healthy();
        c.crash(n(2));
        c.restart(n(2));
        assertEquals("none", violated(c));
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void twoLeadersOfOneBallotBreakOneLeaderPerBallot() {
        PaxosCluster c = healthy();
        c.state(2).role = Role.LEADER;
        c.state(2).promised = 257;
        assertEquals("OneLeaderPerBallot", violated(c));
    }

    @Test
    void aLeaderOfABallotItDoesNotOwnBreaksOneLeaderPerBallot() {
        PaxosCluster c = healthy();
        c.state(1).promised = 2 * 256 + 3;
        assertEquals("OneLeaderPerBallot", violated(c));
    }

    @Test
    void twoValuesAcceptedInOneBallotAtOneSlotBreakOneValuePerBallot() {
        PaxosCluster c = healthy();
        c.state(3).log.write(5, PaxosEntry.cmd(257, req(50), put("a", "1")));
        c.state(2).log.write(5, PaxosEntry.cmd(257, req(51), put("a", "2")));
        assertEquals("OneValuePerBallot", violated(c));
    }

    @Test
    void aQuorumHoldingAnotherValueThanACommittedOneBreaksChosenUnique() {
        PaxosCluster c = healthy();
        PaxosEntry other = PaxosEntry.cmd(2 * 256 + 2, req(99), put("k3", "other"));
        c.state(2).log.write(3, other);
        c.state(3).log.write(3, other);
        assertEquals("ChosenUnique", violated(c), "n2 and n3 hold it in ballot 514; n1 committed k3=v in slot 3");
    }

    @Test
    void differentCommittedValuesBreakCommittedPrefixesAgree() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        c.submit(n(1), req(1), put("x", "1"));
        c.settle(n(1));
        assertEquals("none", violated(c));
        PaxosState s3 = c.state(3);
        s3.log.write(1, PaxosEntry.cmd(3 * 256 + 3, req(2), put("x", "2")));
        s3.commitTo(1);
        assertEquals("CommittedPrefixesAgree", violated(c));
    }

    @Test
    void aCommitIndexThatMovesBackBreaksCommitIndexMonotonic() {
        PaxosConcerns regressing = new PaxosConcerns() {
            @Override
            public Replication replication(PaxosContext ctx) {
                return new Replication(ctx) {
                    @Override
                    void onAcceptRequest(NodeId from, AcceptRequest m) {
                        st.commitIndex = Math.min(st.commitIndex, m.commit());
                    }
                };
            }
        };
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg, regressing);
        c.state(2).log.write(1, PaxosEntry.noop(257));
        c.state(2).commitTo(1);
        assertEquals("none", violated(c));
        c.step(n(2), new Event.Receive(n(1), new AcceptRequest(257, 2, List.of(), 0)));
        assertEquals("CommitIndexMonotonic", violated(c));
        assertEquals(Optional.of("CommitIndexMonotonic"), c.firstViolation.map(v -> v.invariant()));
    }

    @Test
    void aCommittedValueThatIsOverwrittenBreaksCommitIndexMonotonic() {
        PaxosCluster c = healthy();
        assertEquals("none", violated(c));
        // An accept of a higher ballot that (wrongly) proposes another value in committed slot 2.
        c.step(n(3), new Event.Receive(n(2), new AcceptRequest(2 * 256 + 2, 2,
                List.of(PaxosEntry.cmd(2 * 256 + 2, req(77), put("k2", "other"))), 0)));
        assertEquals(3, c.node(3).view().commitIndex(), "the index did not move back, a committed value changed");
        assertEquals("CommitIndexMonotonic", violated(c));
    }

    @Test
    void aRestartMayLowerTheCommitIndex() {
        PaxosCluster c = healthy();
        c.crash(n(2));
        c.restart(n(2));
        assertEquals(0, c.node(2).view().commitIndex());
        assertEquals("none", violated(c));
        assertEquals(Optional.empty(), c.firstViolation);
    }
}
