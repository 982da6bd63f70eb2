package dev.lockstep.epaxos;

import static dev.lockstep.core.ScriptedCluster.n;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EPaxos §4.2 as scenarios: the fast path, the slow path, and execution order of conflicting commands. */
class CommitTest {

    static Command put(String key, String value) {
        return new Command.Put(Bytes.utf8(key), Bytes.utf8(value));
    }

    static Command get(String key) {
        return new Command.Get(Bytes.utf8(key));
    }

    @Test
    void aLoneCommandCommitsOnTheFastPathAndIsAnsweredByItsCoordinator() {
        EPaxosCluster c = new EPaxosCluster(3);
        c.submit(n(2), new RequestId(7, 1), put("x", "1"));
        c.deliverAll();
        assertEquals(Result.Ok.INSTANCE, c.replyTo(new RequestId(7, 1)));
        for (int k = 1; k <= 3; k++) {
            Instance x = c.instance(k, inst(2, 1));
            assertEquals(Phase.COMMITTED, x.phase, "at n" + k);
            assertTrue(x.executed, "executed at n" + k);
        }
        assertEquals(1, c.tracesOf(n(2), "FastCommit").size());
        assertTrue(c.tracesOf(n(2), "SlowAccept").isEmpty());
    }

    @Test
    void concurrentConflictingCommandsTakeTheSlowPathAndExecuteInOneOrderEverywhere() {
        EPaxosCluster c = new EPaxosCluster(3);
        c.submit(n(1), new RequestId(1, 1), put("x", "a"));
        c.submit(n(3), new RequestId(3, 1), put("x", "b"));
        c.deliverAll();
        // n1's PreAccept reaches n2 first: n1 commits fast; n3's reaches replicas that know n1.1: slow
        assertEquals(1, c.tracesOf(n(1), "FastCommit").size());
        assertEquals(1, c.tracesOf(n(3), "SlowAccept").size());
        Instance second = c.instance(2, inst(3, 1));
        assertTrue(second.deps.covers(0, 1), "n3.1 depends on n1.1: " + second);
        List<String> order1 = writesOf(c, 1);
        assertEquals(2, order1.size());
        assertEquals(order1, writesOf(c, 2));
        assertEquals(order1, writesOf(c, 3));
        c.submit(n(2), new RequestId(2, 1), get("x"));
        c.deliverAll();
        String last = order1.get(1).endsWith("1:1") ? "a" : "b";
        assertEquals("b", last, "n3.1 depends on n1.1, so it runs last");
        assertEquals(new Result.Value(java.util.Optional.of(Bytes.utf8(last))), c.replyTo(new RequestId(2, 1)));
    }

    private static List<String> writesOf(EPaxosCluster c, int k) {
        return c.applied.get(n(k)).stream().map(a -> a.position() + " " + a.id()).toList();
    }
}
