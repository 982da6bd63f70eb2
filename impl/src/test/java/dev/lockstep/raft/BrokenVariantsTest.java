package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Event;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each broken variant differs from the real core exactly where it was broken. */
class BrokenVariantsTest {

    @Test
    void theRealVoterRemembersItsVoteAcrossARestartTheForgetfulOneVotesTwice() {
        assertEquals(false, votesAgainAfterRestart(RaftConcerns.DEFAULT));
        assertEquals(true, votesAgainAfterRestart(BrokenRaftVariants.FORGETFUL_VOTER));
    }

    /** n3 votes for n1 in term 1, restarts from its disk, then n2 asks for n3's vote in term 1. */
    private static boolean votesAgainAfterRestart(RaftConcerns concerns) {
        RaftCluster c = new RaftCluster(3, cfg -> cfg, concerns);
        c.step(n(3), new Event.Receive(n(1), new RequestVoteRequest(1, 0, 0)));
        c.crash(n(3));
        c.restart(n(3));
        var reply = ElectionTest.sendOf(c.step(n(3), new Event.Receive(n(2), new RequestVoteRequest(1, 0, 0))));
        return ((RequestVoteResponse) reply.message()).granted();
    }

    @Test
    void theRealLeaderWaitsForAnEntryOfItsTermTheFigure8LeaderCommitsAnOldOne() {
        assertEquals(1, commitWithOldEntryOnAMajority(RaftConcerns.DEFAULT));
        assertEquals(2, commitWithOldEntryOnAMajority(BrokenRaftVariants.FIGURE8_LEADER));
    }

    /**
     * Term 1's entry A (index 2) is on n1 and n2 only; n2 wins term 2 and copies A to n3 but
     * its term-2 no-op (index 3) reaches nobody. Returns n2's commit index.
     */
    private static long commitWithOldEntryOnAMajority(RaftConcerns concerns) {
        RaftCluster c = new RaftCluster(3, cfg -> ReplicationTest.tune(cfg, 1, 1), concerns);
        c.elect(n(1));
        c.settle(n(1));
        c.dropRule = e -> e.from().equals(n(1)) && e.to().equals(n(3)) || e.from().equals(n(2)) && e.to().equals(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("a", "1"));
        c.deliverAll();
        assertEquals(1, c.node(1).view().commitIndex());
        c.dropRule = e -> RaftCluster.<RaftMessage>isolating(n(1)).test(e) || e.message() instanceof AppendEntriesRequest r
                && r.entries().stream().anyMatch(x -> x.term() == 2) && c.node(3).state().log.lastIndex() >= 2;
        c.elect(n(2));
        c.settle(n(2));
        assertEquals(2, c.node(3).state().log.lastIndex(), "A reached n3, the no-op did not");
        return c.node(2).view().commitIndex();
    }

    @Test
    void theRealFollowerRefersReadsTheLocalReadFollowerAnswersStale() {
        assertEquals(new Result.Redirect(Optional.of(n(1))), readAtPartitionedFollower(RaftConcerns.DEFAULT));
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("1"))),
                readAtPartitionedFollower(BrokenRaftVariants.LOCAL_READ_FOLLOWER), "a stale value: x is 2");
    }

    /** x=1 everywhere, then n3 is cut off and x=2 commits on n1 and n2; a client reads x at n3. */
    private static Result readAtPartitionedFollower(RaftConcerns concerns) {
        RaftCluster c = new RaftCluster(3, cfg -> cfg, concerns);
        c.elect(n(1));
        c.submit(n(1), ReplicationTest.req(1), ReplicationTest.put("x", "1"));
        c.settle(n(1));
        c.dropRule = RaftCluster.isolating(n(3));
        c.submit(n(1), ReplicationTest.req(2), ReplicationTest.put("x", "2"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(ReplicationTest.req(2)));
        RequestId read = new RequestId(9, 1);
        c.submit(n(3), read, new Command.Get(Bytes.utf8("x")));
        return c.replyTo(read);
    }

    @Test
    void everyVariantIsADescriptorLikeRaftProtocols() {
        List<Protocol> all = BrokenRaftVariants.all();
        Set<String> names = all.stream().map(Protocol::name).collect(Collectors.toSet());
        assertEquals(3, names.size());
        ReplicaConfig cfg = LeaderTuning.SCRIPTED.config(n(1), List.of(n(1), n(2), n(3)), false);
        for (Protocol p : all) {
            assertTrue(p.name().startsWith("raft-"));
            assertEquals(RaftProtocol.SPEC_DIR, p.specDir());
            assertEquals(RaftProtocol.SPEC_MODULE, p.specModule());
            assertTrue(p.factory().create(cfg, 1) instanceof RaftReplica);
        }
        assertEquals("raft", dev.lockstep.core.ProtocolRegistry.get("raft").name());
    }
}
