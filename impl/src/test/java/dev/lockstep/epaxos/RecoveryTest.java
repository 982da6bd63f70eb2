package dev.lockstep.epaxos;

import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import org.junit.jupiter.api.Test;

/** EPaxos* recovery (OPODIS 2025, Fig. 3 and 5) as scenarios, one per branch the timeout can take. */
class RecoveryTest {

    @Test
    void aCommandOneReplicaPreAcceptedIsValidatedAndCommittedAfterItsCoordinatorCrashed() {
        EPaxosCluster c = new EPaxosCluster(3);
        c.dropRule = e -> e.to().equals(n(3)) && e.from().equals(n(1)) || e.to().equals(n(1));
        c.submit(n(1), new RequestId(1, 1), put("x", "1"));
        c.deliverAll(); // only n2 pre-accepts, and its answer is lost
        c.crash(n(1));
        c.dropRule = e -> false;
        c.network.clear();
        for (int t = 0; t < 40 && !committedAt(c, 2); t++) {
            c.tickAll();
        }
        Instance x = c.instance(2, inst(1, 1));
        assertEquals(Phase.COMMITTED, x.phase);
        assertFalse(x.cmd.isNop(), "the pre-accepted command survives: " + x);
        assertTrue(!c.tracesOf(n(2), "StartValidate").isEmpty() || !c.tracesOf(n(3), "StartValidate").isEmpty());
    }

    @Test
    void aCommandWhoseCoordinatorAnswersTheRecoveryBecomesANopAndIsProposedAgain() {
        EPaxosCluster c = new EPaxosCluster(3);
        c.dropRule = e -> e.to().equals(n(3)) && e.from().equals(n(1)) || e.to().equals(n(1));
        c.submit(n(1), new RequestId(1, 1), put("x", "1"));
        c.deliverAll();
        c.dropRule = e -> false;
        for (int t = 0; t < 40 && !committedAt(c, 2); t++) {
            c.tickAll();
        }
        Instance x = c.instance(2, inst(1, 1));
        assertEquals(Phase.COMMITTED, x.phase);
        assertTrue(x.cmd.isNop(), "the owner answered the recovery without having committed: a no-op " + x);
        assertFalse(c.tracesOf(n(1), "RecoverNop").isEmpty() && c.tracesOf(n(2), "RecoverNop").isEmpty());
        for (int t = 0; t < 60 && c.replyTo(new RequestId(1, 1)) == null; t++) {
            c.tickAll();
        }
        assertEquals(Result.Ok.INSTANCE, c.replyTo(new RequestId(1, 1)), "n1 proposed the request again");
        assertEquals(Phase.COMMITTED, c.instance(3, inst(1, 2)).phase);
    }

    private static boolean committedAt(EPaxosCluster c, int k) {
        Instance x = c.instance(k, inst(1, 1));
        return x != null && x.isCommitted();
    }
}
