package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.Event;
import dev.lockstep.core.Replica;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every invariant holds on a healthy cluster and fails on a state that breaks it. */
class RaftInvariantsTest {

    private static RaftCluster healthy() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        for (int k = 1; k <= 3; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v"));
        }
        c.settle(n(1));
        return c;
    }

    private static String violated(RaftCluster c) {
        return RaftInvariants.INSTANCE.check(new ArrayList<Replica>(c.live.values()))
                .map(v -> v.invariant()).orElse("none");
    }

    @Test
    void aHealthyClusterSatisfiesEveryInvariant() {
        assertEquals("none", violated(healthy()));
    }

    @Test
    void twoLeadersOfOneTermBreakElectionSafety() {
        RaftCluster c = healthy();
        c.node(2).state().role = Role.LEADER;
        assertEquals("ElectionSafety", violated(c));
    }

    @Test
    void aTermStartingAtTwoIndicesShowsTwoLeadersEvenAfterTheyStepDown() {
        RaftCluster c = healthy();
        // Uncommitted suffixes: n3's term 2 starts at index 5, n2's at index 6.
        c.node(3).state().log.append(LogEntry.noop(2));
        RaftLog other = c.node(2).state().log;
        other.append(RaftLogTest.cmd(1, 50));
        other.append(LogEntry.noop(2));
        assertEquals(Role.FOLLOWER, c.node(2).view().role());
        assertEquals(Role.FOLLOWER, c.node(3).view().role());
        assertEquals("ElectionSafety", violated(c));
    }

    @Test
    void differentEntriesUnderAnAgreeingTermBreakLogMatching() {
        RaftCluster c = healthy();
        RaftLog log = c.node(3).state().log;
        log.truncateFrom(3);
        log.append(RaftLogTest.cmd(1, 99));
        log.append(RaftLogTest.cmd(1, 98));
        log.append(RaftLogTest.cmd(1, 97));
        c.node(3).state().commitIndex = 2;
        assertEquals("LogMatching", violated(c));
    }

    @Test
    void differentCommittedEntriesBreakStateMachineSafety() {
        RaftCluster c = healthy();
        RaftLog log = c.node(3).state().log;
        log.truncateFrom(4);
        log.append(RaftLogTest.cmd(2, 99));
        assertEquals(4, c.node(3).state().commitIndex);
        assertEquals("StateMachineSafety", violated(c));
    }

    @Test
    void aLeaderMissingAnEarlierCommittedEntryBreaksLeaderCompleteness() {
        RaftCluster c = healthy();
        RaftState leader = c.node(1).state();
        leader.role = Role.FOLLOWER;
        RaftState usurper = c.node(2).state();
        usurper.role = Role.LEADER;
        usurper.currentTerm = 5;
        usurper.log.truncateFrom(3);
        assertEquals("LeaderCompleteness", violated(c));
    }

    @Test
    void aCommitIndexThatMovesBackBreaksCommittedIndexMonotonic() {
        RaftConcerns regressing = new RaftConcerns() {
            @Override
            public Replication replication(RaftContext ctx) {
                return new Replication(ctx) {
                    @Override
                    void onHeartbeatRequest(NodeId from, HeartbeatRequest m) {
                        st.commitIndex = m.commit();
                    }
                };
            }
        };
        RaftCluster c = new RaftCluster(3, cfg -> cfg, regressing);
        c.elect(n(1));
        c.settle(n(1));
        assertEquals("none", violated(c));
        c.step(n(2), new Event.Receive(n(1), new HeartbeatRequest(1, 0, 0)));
        assertEquals("CommittedIndexMonotonic", violated(c));
        assertEquals(Optional.of("CommittedIndexMonotonic"), c.firstViolation.map(v -> v.invariant()));
    }

    @Test
    void aCommittedEntryThatIsOverwrittenBreaksCommittedIndexMonotonic() {
        RaftConcerns overwriting = new RaftConcerns() {
            @Override
            public Replication replication(RaftContext ctx) {
                return new Replication(ctx) {
                    @Override
                    void onHeartbeatRequest(NodeId from, HeartbeatRequest m) {
                        ctx.durability.truncate(st.commitIndex);
                        ctx.durability.append(RaftLogTest.cmd(st.currentTerm, 99));
                    }
                };
            }
        };
        RaftCluster c = new RaftCluster(3, cfg -> cfg, overwriting);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.deliverAll();
        assertEquals("none", violated(c));
        c.step(n(2), new Event.Receive(n(1), new HeartbeatRequest(1, 1, 0)));
        assertEquals(1, c.node(2).view().commitIndex(), "the index did not move back, the entry changed");
        assertEquals("CommittedIndexMonotonic", violated(c));
    }

    @Test
    void aRestartMayLowerTheCommitIndex() {
        RaftCluster c = healthy();
        c.crash(n(2));
        c.restart(n(2));
        assertEquals(0, c.node(2).view().commitIndex());
        assertEquals("none", violated(c));
        assertEquals(List.of(), c.firstViolation.stream().toList());
    }
}
