package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.Role;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phase 1 once per ballot ("Paxos Made Simple" §3): ballots, promises, leadership, dueling proposers. */
class ElectionTest {

    @Test
    void ballotsAreRoundTimes256PlusTheOwnersNumber() {
        assertEquals(256 + 3, Ballots.next(0, 3));
        assertEquals(2 * 256 + 1, Ballots.next(256 + 3, 1), "the smallest ballot of n1 above n3's 259");
        assertEquals(3 * 256 + 2, Ballots.next(2 * 256 + 2, 2), "a server's next ballot is above its own");
        assertEquals(3, Ballots.owner(5 * 256 + 3));
        assertEquals(0, Ballots.owner(0));
    }

    @Test
    void aTimedOutReplicaPreparesGetsAQuorumOfPromisesAndLeads() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        long ballot = 256 + 1;
        assertEquals(Role.LEADER, c.node(1).view().role());
        for (int k = 1; k <= 3; k++) {
            assertEquals(ballot, c.node(k).view().promised(), "n" + k + " promised n1's first ballot");
        }
        assertEquals(Role.FOLLOWER, c.node(2).view().role());
        assertEquals(Optional.of(n(1)), c.node(2).status().leadership().flatMap(l -> l.leader()));
        List<String> actions = c.traces.stream().filter(t -> "n1".equals(t.fields().get("node")))
                .map(Effect.Trace::action).limit(5).toList();
        assertEquals(List.of("Prepare", "HandlePrepareResponse", "BecomeLeader", "Accept", "Accept"), actions,
                "the first promise makes a quorum of two; BecomeLeader announces the ballot with heartbeats");
        assertEquals(0, c.node(1).view().logLen(), "nothing to recover, so nothing is proposed");
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void electionTimeoutIsRandomizedWithinTheConfiguredBounds() {
        for (long seed = 1; seed <= 30; seed++) {
            ReplicaConfig cfg = new LeaderTuning(10, 20, 2, 8, 2, 0).config(n(1), List.of(n(1), n(2), n(3)), false);
            MultiPaxosReplica r = new MultiPaxosReplica(cfg, seed);
            int ticks = 0;
            boolean fired = false;
            while (!fired) {
                fired = r.step(new Event.Tick(0)).effects().stream().anyMatch(e -> e instanceof Effect.Send s
                        && s.message() instanceof PaxosMessage.PrePrepareRequest);
                ticks++;
            }
            assertEquals(Role.FOLLOWER, r.view().role(), "a pre-prepare changes no spec variable");
            assertTrue(ticks >= 10 && ticks <= 20, "seed " + seed + " timed out after " + ticks + " ticks");
        }
    }

    @Test
    void anAcceptorPromisesOnlyBallotsAtLeastItsPromise() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        MultiPaxosReplica acceptor = c.node(3);
        PrepareResponse first = (PrepareResponse) sendOf(acceptor.step(new Event.Receive(n(2),
                new PrepareRequest(2 * 256 + 2, 0)))).message();
        assertEquals(new PrepareResponse(2 * 256 + 2, true, 0, List.of()), first);
        PrepareResponse lower = (PrepareResponse) sendOf(acceptor.step(new Event.Receive(n(1),
                new PrepareRequest(256 + 1, 0)))).message();
        assertEquals(new PrepareResponse(2 * 256 + 2, false, 0, List.of()), lower, "refused with the promise");
        PrepareResponse again = (PrepareResponse) sendOf(acceptor.step(new Event.Receive(n(2),
                new PrepareRequest(2 * 256 + 2, 0)))).message();
        assertEquals(first, again, "a duplicate prepare is answered again");
    }

    /**
     * Spec HandlePrepareRequest: promising a higher ballot makes a leader a follower at once
     * (StepDown), not only when it later hears of the ballot in a response. (PIT: removing that
     * step-down survived impl's tests; the spec-driven replay's "promised by a leader" branch
     * would catch it, but PIT runs impl's tests only.)
     */
    @Test
    void aLeaderThatPromisesAHigherBallotStepsDown() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        long higher = 5 * 256 + 2;
        PrepareResponse reply = (PrepareResponse) sendOf(c.step(n(1), new Event.Receive(n(2),
                new PrepareRequest(higher, 0)))).message();
        assertTrue(reply.ok());
        assertEquals(higher, c.node(1).view().promised());
        assertEquals(Role.FOLLOWER, c.node(1).view().role(), "a leader of a lower ballot steps down as it promises");
    }

    @Test
    void aPreparerThatHearsOfAHigherBallotStepsDown() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.dropRule = e -> e.from().equals(n(1)) && e.message() instanceof PrepareRequest;
        c.timeOut(n(1));
        c.dropRule = e -> false;
        c.step(n(1), new Event.Receive(n(2), new PrepareResponse(3 * 256 + 2, false, 0, List.of())));
        assertEquals(Role.FOLLOWER, c.node(1).view().role());
        assertEquals(256 + 1, c.node(1).view().promised(), "ObserveBallot changes the role only");
        assertEquals(1, c.tracesOf(n(1), "ObserveBallot").size());
    }

    @Test
    void duelingProposersResolveToOneLeaderOfTheHighestBallot() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        // n1 and n2 time out together; their prepares cross.
        c.timeOut(n(1));
        c.timeOut(n(2));
        c.deliverAll();
        for (int k = 0; k < 200 && !(c.leader().isPresent() && settled(c)); k++) {
            c.tickAll();
        }
        long leaders = c.live.values().stream().filter(r -> r.view().role() == Role.LEADER).count();
        assertEquals(1, leaders);
        long top = c.live.values().stream().mapToLong(r -> r.view().promised()).max().orElseThrow();
        assertEquals(top, c.node(c.leader().orElseThrow().value()).view().promised(), "the leader holds the highest ballot");
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aReplicaBackFromAPartitionDoesNotDeposeAHealthyLeader() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.settle(n(1));
        long ballot = c.node(1).view().promised();
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 0; k < 100; k++) {
            c.tickAll();
        }
        c.dropRule = e -> false;
        c.deliverAll();
        assertEquals(ballot, c.node(3).view().promised(), "n3's pre-prepares were lost, so it never prepared");
        for (int k = 0; k < 100; k++) {
            c.tickAll();
        }
        assertEquals(Optional.of(n(1)), c.leader());
        assertEquals(ballot, c.node(1).view().promised(), "n2 hears n1, so it refuses n3's pre-prepares");
        assertEquals(Role.FOLLOWER, c.node(3).view().role());
        assertEquals(Optional.empty(), c.firstViolation);
    }

    private static boolean settled(PaxosCluster c) {
        long ballot = c.node(c.leader().orElseThrow().value()).view().promised();
        return c.live.values().stream().allMatch(r -> r.view().promised() == ballot);
    }

    @Test
    void aSingleReplicaLeadsAtOnceAndCommitsOnceItsWritesAreDurable() {
        PaxosCluster c = new PaxosCluster(1, cfg -> cfg);
        c.autoPersist = false;
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        assertEquals(0, c.node(1).view().commitIndex(), "the value is not durable yet");
        c.persistAll(n(1));
        assertEquals(1, c.node(1).view().commitIndex());
        assertEquals(dev.lockstep.kv.Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(1)));
    }

    static Effect.Send sendOf(dev.lockstep.core.Step step) {
        return step.effects().stream().filter(e -> e instanceof Effect.Send).map(e -> (Effect.Send) e)
                .findFirst().orElseThrow();
    }
}
