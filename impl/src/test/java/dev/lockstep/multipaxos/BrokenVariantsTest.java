package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Event;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each broken variant differs from the real core exactly where it was broken. */
class BrokenVariantsTest {

    @Test
    void theRealLeaderKeepsAChosenValueTheSkipRecoveryLeaderOverwritesIt() {
        assertEquals("none", afterNewLeaderWithEmptyLog(PaxosConcerns.DEFAULT));
        assertEquals("CommitIndexMonotonic", afterNewLeaderWithEmptyLog(BrokenMultiPaxosVariants.SKIP_RECOVERY_LEADER));
    }

    /**
     * x=1 is chosen in slot 1 by n1 and n2 (n3 never saw it) and n2 commits it; n1 crashes and
     * n3 leads with n2's promise. Returns the first invariant violated, or "none".
     */
    private static String afterNewLeaderWithEmptyLog(PaxosConcerns concerns) {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg, concerns);
        c.elect(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        c.submit(n(1), req(1), put("x", "1"));
        c.settle(n(1));
        assertEquals(1, c.node(2).view().commitIndex());
        c.crash(n(1));
        c.dropRule = e -> false;
        c.elect(n(3));
        c.settle(n(3));
        if (c.firstViolation.isEmpty()) {
            assertEquals(put("x", "1"), c.state(3).log.entry(1).command(), "recovered from n2's promise");
        }
        return c.firstViolation.map(v -> v.invariant()).orElse("none");
    }

    @Test
    void theRealAcceptorKeepsItsPromiseAcrossARestartTheForgetfulOnePromisesALowerBallot() {
        assertEquals(false, promisesLowerBallotAfterRestart(PaxosConcerns.DEFAULT));
        assertEquals(true, promisesLowerBallotAfterRestart(BrokenMultiPaxosVariants.FORGETFUL_ACCEPTOR));
    }

    /** n3 promises n2's ballot 770, restarts from its disk, then n1 asks it to promise ballot 513. */
    private static boolean promisesLowerBallotAfterRestart(PaxosConcerns concerns) {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg, concerns);
        c.step(n(3), new Event.Receive(n(2), new PrepareRequest(3 * 256 + 2, 0)));
        c.crash(n(3));
        c.restart(n(3));
        var reply = ElectionTest.sendOf(c.step(n(3), new Event.Receive(n(1), new PrepareRequest(2 * 256 + 1, 0))));
        return ((PrepareResponse) reply.message()).ok();
    }

    @Test
    void theRealFollowerRefersReadsTheLocalReadFollowerAnswersStale() {
        assertEquals(new Result.Redirect(Optional.of(n(1))), readAtPartitionedFollower(PaxosConcerns.DEFAULT));
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("1"))),
                readAtPartitionedFollower(BrokenMultiPaxosVariants.LOCAL_READ_FOLLOWER), "a stale value: x is 2");
    }

    /** x=1 everywhere, then n3 is cut off and x=2 is chosen by n1 and n2; a client reads x at n3. */
    private static Result readAtPartitionedFollower(PaxosConcerns concerns) {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg, concerns);
        c.elect(n(1));
        c.submit(n(1), req(1), put("x", "1"));
        c.settle(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        c.submit(n(1), req(2), put("x", "2"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(req(2)));
        RequestId read = new RequestId(9, 1);
        c.submit(n(3), read, new Command.Get(Bytes.utf8("x")));
        return c.replyTo(read);
    }

    @Test
    void everyVariantIsADescriptorLikeMultiPaxosProtocols() {
        List<Protocol> all = BrokenMultiPaxosVariants.all();
        Set<String> names = all.stream().map(Protocol::name).collect(Collectors.toSet());
        assertEquals(3, names.size());
        ReplicaConfig cfg = LeaderTuning.SCRIPTED.config(n(1), List.of(n(1), n(2), n(3)), false);
        for (Protocol p : all) {
            assertTrue(p.name().startsWith("multipaxos-"));
            assertEquals(MultiPaxosProtocol.SPEC_DIR, p.specDir());
            assertEquals(MultiPaxosProtocol.SPEC_MODULE, p.specModule());
            assertTrue(p.factory().create(cfg, 1) instanceof MultiPaxosReplica);
        }
        Protocol registered = ProtocolRegistry.get("multipaxos");
        assertEquals("MultiPaxos", registered.specModule());
        assertEquals("multipaxos", registered.specDir());
        assertTrue(registered.factory().create(cfg, 1) instanceof MultiPaxosReplica);
    }
}
