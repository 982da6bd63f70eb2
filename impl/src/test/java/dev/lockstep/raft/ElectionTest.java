package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.Role;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raft §5.2 and thesis §9.6: elections among three, with PreVote first. */
class ElectionTest {

    @Test
    void threeNodesElectOneLeaderThroughPreVoteAndVote() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));

        RaftReplica.RaftView leader = c.node(1).view();
        assertEquals(Role.LEADER, leader.role());
        assertEquals(1, leader.currentTerm());
        for (int k = 2; k <= 3; k++) {
            RaftReplica.RaftView f = c.node(k).view();
            assertEquals(Role.FOLLOWER, f.role());
            assertEquals(1, f.currentTerm());
            assertEquals(Optional.of(n(1)), f.votedFor());
            assertEquals(1, f.commitIndex(), "the leader's no-op is committed everywhere");
        }
        List<String> actions = c.traces.stream().filter(t -> "n1".equals(t.fields().get("node")))
                .map(Effect.Trace::action).limit(6).toList();
        assertEquals(List.of("Timeout", "HandleRequestPreVoteResponse", "BecomeCandidate",
                "HandleRequestVoteResponse", "BecomeLeader", "AppendEntries"), actions);
        assertEquals(Optional.empty(), c.firstViolation);
    }

    /**
     * Votes are counted per voter ([Raft] 5.2): of five, a candidate with its own vote and n2's
     * grant, delivered twice, still waits; n3's grant makes three. (PIT found that no 3-node test
     * tells "a quorum" from "any grant": there one grant is a quorum.)
     */
    @Test
    void aCandidateOfFiveLeadsOnlyOnThreeDistinctVotes() {
        RaftCluster c = new RaftCluster(5, cfg -> cfg);
        c.dropRule = e -> e.message() instanceof RaftMessage.RequestVoteRequest && !e.to().equals(n(2));
        for (int k = 0; k < 500 && c.node(1).state().role != Role.CANDIDATE; k++) {
            c.tick(n(1));
            c.deliverAll();
        }
        long term = c.node(1).state().currentTerm;
        assertEquals(Role.CANDIDATE, c.node(1).state().role, "its own vote and n2's: two of five");
        c.step(n(1), new Event.Receive(n(2), new RaftMessage.RequestVoteResponse(term, true)));
        assertEquals(Role.CANDIDATE, c.node(1).state().role, "n2's grant again is still one voter");
        c.step(n(1), new Event.Receive(n(3), new RaftMessage.RequestVoteResponse(term, true)));
        assertEquals(Role.LEADER, c.node(1).state().role, "three distinct voters of five");
    }

    @Test
    void electionTimeoutIsRandomizedWithinTheConfiguredBounds() {
        for (long seed = 1; seed <= 30; seed++) {
            ReplicaConfig cfg = new LeaderTuning(10, 20, 2, 8, 2, 0).config(n(1), List.of(n(1), n(2), n(3)), false);
            RaftReplica r = new RaftReplica(cfg, seed);
            int ticks = 0;
            while (r.view().role() == Role.FOLLOWER) {
                r.step(new Event.Tick(0));
                ticks++;
            }
            assertTrue(ticks >= 10 && ticks <= 20, "seed " + seed + " timed out after " + ticks + " ticks");
        }
    }

    @Test
    void preVoteDoesNotChangeTermsWhenItFails() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.dropRule = RaftCluster.isolating(n(3));
        for (int k = 0; k < 100; k++) {
            c.tick(n(3));
        }
        RaftReplica.RaftView isolated = c.node(3).view();
        assertEquals(Role.PRE_CANDIDATE, isolated.role());
        assertEquals(0, isolated.currentTerm(), "an isolated node keeps its term: it never got a pre-vote quorum");
        assertTrue(c.tracesOf(n(3), "Timeout").size() >= 5);
        assertTrue(c.tracesOf(n(3), "BecomeCandidate").isEmpty());
    }

    @Test
    void aVoterGrantsOneVotePerTerm() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        RaftReplica voter = c.node(3);
        voter.step(new Event.Receive(n(1), new RaftMessage.RequestVoteRequest(1, 0, 0)));
        Effect.Send second = sendOf(voter.step(new Event.Receive(n(2), new RaftMessage.RequestVoteRequest(1, 0, 0))));
        assertEquals(new RaftMessage.RequestVoteResponse(1, false), second.message());
        Effect.Send again = sendOf(voter.step(new Event.Receive(n(1), new RaftMessage.RequestVoteRequest(1, 0, 0))));
        assertEquals(new RaftMessage.RequestVoteResponse(1, true), again.message(), "a repeated request is granted again");
    }

    @Test
    void aVoterRefusesACandidateWithAStalerLog() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        RaftReplica voter = c.node(3);
        // Candidate n2 claims a log that ends before the no-op of term 1.
        Effect.Send reply = sendOf(voter.step(new Event.Receive(n(2), new RaftMessage.RequestVoteRequest(2, 0, 0))));
        assertEquals(new RaftMessage.RequestVoteResponse(2, false), reply.message());
        assertNull(voter.state().votedFor, "UpdateTerm cleared the vote and the refusal kept it clear");
    }

    @Test
    void aSingleNodeElectsItselfAndCommitsOnceItsLogIsDurable() {
        RaftCluster c = new RaftCluster(1, cfg -> cfg);
        c.autoPersist = false;
        c.elect(n(1));
        assertEquals(0, c.node(1).view().commitIndex(), "the no-op is not durable yet");
        c.persistAll(n(1));
        assertEquals(1, c.node(1).view().commitIndex());
        assertEquals(1, c.applied.get(n(1)).size());
    }

    static Effect.Send sendOf(dev.lockstep.core.Step step) {
        return step.effects().stream().filter(e -> e instanceof Effect.Send).map(e -> (Effect.Send) e)
                .findFirst().orElseThrow();
    }
}
