package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.core.Effect;
import dev.lockstep.kv.RequestId;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Raft paper Figure 8: an entry of an earlier term that sits on a majority may still be
 * overwritten, so a leader must not commit it by counting replicas. Five servers; the script
 * (a)-(d) follows the figure, with our no-ops in place of the figure's entries.
 */
class Figure8Test {
    private static final RequestId A = new RequestId(1, 1);
    private static final RequestId B = new RequestId(1, 2);

    @Test
    void theRealLeaderDoesNotCommitTheOldEntryAndNothingCommittedIsLost() {
        RaftCluster c = figure8(RaftConcerns.DEFAULT);
        assertEquals(Optional.empty(), c.firstViolation);
        // (e) n1 reconnects: it steps down and is repaired; everyone agrees on n5's log.
        c.dropRule = e -> false;
        c.settle(n(5));
        assertEquals(Role.FOLLOWER, c.node(1).view().role());
        for (NodeId id : c.live.keySet()) {
            assertEquals(c.node(5).state().log.lastIndex(), c.live.get(id).state().log.lastIndex());
            for (Effect.Apply a : c.applied.get(id)) {
                assertTrue(a.slot() != 2 || a.id() == null, id + " applied the overwritten entry A at index 2");
            }
        }
        assertEquals(Optional.empty(), c.firstViolation);
    }

    @Test
    void aLeaderCountingReplicasOfAnOldTermEntryLosesACommittedEntry() {
        RaftCluster c = figure8(BrokenRaftVariants.FIGURE8_LEADER);
        assertTrue(c.firstViolation.isPresent(), "the invariants catch the Figure 8 bug");
        assertEquals("LeaderCommitsOwnTerm", c.firstViolation.get().invariant(), "caught at its cause, in (c)");
        assertTrue(harmDone(c), "and by (d) a committed entry is lost");
    }

    /** LeaderCompleteness or StateMachineSafety fails between two live replicas. */
    private static boolean harmDone(RaftCluster c) {
        for (RaftReplica a : c.live.values()) {
            for (RaftReplica b : c.live.values()) {
                if (a != b && (RaftInvariants.leaderCompleteness(a, b).isPresent()
                        || RaftInvariants.stateMachineSafety(a, b).isPresent())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs (a)-(d) and leaves n1 (term 3's leader) cut off from the new leader n5. */
    private static RaftCluster figure8(RaftConcerns concerns) {
        RaftCluster c = new RaftCluster(5, cfg -> ReplicationTest.tune(cfg, 1, 1), concerns);
        c.elect(n(1));
        c.settle(n(1));
        // (a) n1 leads term 1 and replicates entry A (index 2) to n2 only.
        c.dropRule = e -> e.from().equals(n(1)) && e.message() instanceof AppendEntriesRequest && !e.to().equals(n(2));
        c.submit(n(1), A, ReplicationTest.put("a", "1"));
        c.deliverAll();
        // (b) n1 crashes; n5 wins term 2 with n3 and n4 and appends entries only it holds.
        c.crash(n(1));
        c.dropRule = e -> e.from().equals(n(5)) && e.message() instanceof AppendEntriesRequest;
        c.elect(n(5));
        c.submit(n(5), B, ReplicationTest.put("b", "1"));
        assertEquals(3, c.node(5).state().log.lastIndex());
        // (c) n5 crashes; n1 restarts and wins term 3. A reaches n3 (now on n1, n2, n3), the
        // term-3 no-op only n2.
        c.crash(n(5));
        c.restart(n(1));
        c.dropRule = e -> e.from().equals(n(1)) && e.message() instanceof AppendEntriesRequest r
                && r.entries().stream().anyMatch(x -> x.term() == 3)
                && (e.to().equals(n(4)) || (e.to().equals(n(3)) && c.node(3).state().log.lastIndex() >= 2));
        c.elect(n(1));
        c.settle(n(1));
        assertEquals(3, c.node(1).view().currentTerm());
        assertEquals(2, c.node(3).state().log.lastIndex(), "A is on a majority");
        long expectedCommit = concerns == RaftConcerns.DEFAULT ? 0 : 2; // restarted: commit starts at 0
        assertEquals(expectedCommit, c.node(1).view().commitIndex(), "only the broken leader commits A");
        // (d) n1 is cut off; n5 restarts and wins term 4 with n3 and n4, overwriting index 2.
        c.dropRule = RaftCluster.isolating(n(1));
        c.restart(n(5));
        c.elect(n(5));
        c.settle(n(5));
        assertEquals(4, c.node(5).view().currentTerm());
        assertEquals(2, c.node(3).state().log.termAt(2), "n3's index 2 now holds n5's term-2 no-op");
        return c;
    }
}
