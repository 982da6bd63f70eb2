package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.Role;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Thesis §9.6: PreVote keeps a rejoining node from disrupting a stable leader. */
class PreVoteTest {

    @Test
    void aPartitionedNodeRejoiningDoesNotDisruptTheLeader() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        c.dropRule = RaftCluster.isolating(n(3));
        c.tickAll(100);
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(1)));
        assertEquals(1, c.node(3).view().currentTerm(), "isolated n3 never raised its term");
        assertTrue(c.tracesOf(n(3), "Timeout").size() >= 4, "n3 kept timing out while cut off");

        int tracesBeforeHeal = c.traces.size();
        c.dropRule = e -> false;
        // n3 times out again before any heartbeat reaches it: its pre-votes go out first.
        int timeouts = c.tracesOf(n(3), "Timeout").size();
        while (c.tracesOf(n(3), "Timeout").size() == timeouts) {
            c.tick(n(3));
            c.deliverAll();
        }
        c.tickAll(60);
        for (int k = 1; k <= 3; k++) {
            assertEquals(1, c.node(k).view().currentTerm(), "n" + k + " is still in term 1");
        }
        assertEquals(Role.LEADER, c.node(1).view().role());
        assertEquals(Role.FOLLOWER, c.node(3).view().role());
        assertEquals(2, c.node(3).view().commitIndex(), "n3 caught up with the write");
        List<Effect.Trace> refusals = c.traces.subList(tracesBeforeHeal, c.traces.size()).stream()
                .filter(t -> t.action().equals("HandleRequestPreVoteRequest") && "n2".equals(t.fields().get("node")))
                .toList();
        assertFalse(refusals.isEmpty(), "n3 did ask n2 for a pre-vote after rejoining");
        for (Effect.Trace t : refusals) {
            Map<?, ?> sent = (Map<?, ?>) ((List<?>) t.fields().get("sent")).get(0);
            assertEquals(false, sent.get("granted"), "n2 heard from its leader recently and refuses");
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aVoterThatHasNotHeardFromALeaderGrantsAPreVoteWithoutChangingItsTerm() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        RaftReplica voter = c.node(2);
        var reply = ElectionTest.sendOf(voter.step(new Event.Receive(n(1), new RequestPreVoteRequest(1, 0, 0))));
        assertEquals(new RequestPreVoteResponse(1, true), reply.message());
        assertEquals(0, voter.view().currentTerm());
        assertEquals(Optional.empty(), voter.view().votedFor());
    }

    @Test
    void aRefusedPreVoteResponseFromALaterTermUpdatesTheTerm() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        RaftReplica r = c.node(1);
        for (int k = 0; k < 20 && r.view().role() != Role.PRE_CANDIDATE; k++) {
            r.step(new Event.Tick(0));
        }
        assertEquals(Role.PRE_CANDIDATE, r.view().role());
        r.step(new Event.Receive(n(2), new RequestPreVoteResponse(5, false)));
        assertEquals(5, r.view().currentTerm());
        assertEquals(Role.FOLLOWER, r.view().role());
    }
}
