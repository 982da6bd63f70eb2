package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.LoggedWrites;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.ExecutionPosition;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Traits;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkers the traits select, each shown to accept what its rule allows and to reject what
 * it forbids: the per-key order checker (partial orders), the durability checker, and the plan
 * that picks them.
 */
class TraitCheckersTest {
    private static final Bytes X = Bytes.utf8("x");
    private static final Bytes Y = Bytes.utf8("y");

    private static Effect.Apply put(NodeId owner, long n, long client, Bytes key, String value) {
        return new Effect.Apply(new ExecutionPosition.Instance(owner, n), new RequestId(client, n),
                new Command.Put(key, Bytes.utf8(value)), Result.Ok.INSTANCE);
    }

    @Test
    void commandsOnDifferentKeysMayRunInAnyOrderButOneKeysWritesInOne() {
        NodeId n1 = NodeId.of(1);
        NodeId n2 = NodeId.of(2);
        Effect.Apply a = put(n1, 1, 1, X, "a");
        Effect.Apply b = put(n2, 1, 2, Y, "b");
        Effect.Apply c = put(n2, 2, 3, X, "c");
        KeyOrderChecker ok = new KeyOrderChecker();
        for (Effect.Apply e : List.of(a, b, c)) {
            assertNull(ok.onApply("n1", 0, e));
        }
        for (Effect.Apply e : List.of(b, a, c)) {
            assertNull(ok.onApply("n2", 0, e), "b commutes with a");
        }
        KeyOrderChecker swapped = new KeyOrderChecker();
        assertNull(swapped.onApply("n1", 0, a));
        assertNull(swapped.onApply("n1", 0, c));
        assertNull(swapped.onApply("n2", 0, c));
        String problem = swapped.onApply("n2", 0, a);
        assertNotNull(problem, "a and c both write x: one order everywhere");
        assertTrue(problem.contains("key x"), problem);
    }

    @Test
    void ordersAgreeWhileNoNodeShowsTheReverseOfWhatAnotherShowed() {
        KeyOrderChecker k = new KeyOrderChecker();
        NodeId n1 = NodeId.of(1);
        Effect.Apply a = put(n1, 1, 1, X, "a");
        Effect.Apply b = put(n1, 2, 2, X, "b");
        Effect.Apply c = put(n1, 3, 3, X, "c");
        assertNull(k.onApply("n1", 0, a));
        assertNull(k.onApply("n1", 1, c), "n1 restarted from a snapshot that holds b, whose apply nobody saw");
        assertNull(k.onApply("n2", 0, a));
        assertNull(k.onApply("n2", 0, b), "b between a and c agrees with everything shown");
        assertNull(k.onApply("n2", 0, c));
        assertNull(k.onApply("n3", 0, b));
        String problem = k.onApply("n3", 0, a);
        assertNotNull(problem, "n2 showed a before b");
        assertTrue(problem.contains("before"), problem);
        KeyOrderChecker k2 = new KeyOrderChecker();
        assertNull(k2.onApply("n1", 0, a));
        assertNull(k2.onApply("n1", 0, b));
        assertNull(k2.onApply("n1", 0, c));
        assertNull(k2.onApply("n2", 0, c));
        assertNotNull(k2.onApply("n2", 0, a), "a before c through b, shown by n1");
    }

    @Test
    void theSameInstanceWithAnotherCommandOrResultIsAViolation() {
        KeyOrderChecker k = new KeyOrderChecker();
        NodeId n1 = NodeId.of(1);
        assertNull(k.onApply("n1", 0, put(n1, 1, 1, X, "a")));
        assertNotNull(k.onApply("n2", 0, put(n1, 1, 1, X, "other")));
    }

    @Test
    void aWriteAcknowledgedOnFewerDisksThanPromisedIsCaught() {
        LoggedWrites d1 = new LoggedWrites(r -> r instanceof Held h ? List.of(h.id()) : List.of());
        LoggedWrites d2 = new LoggedWrites(r -> r instanceof Held h ? List.of(h.id()) : List.of());
        DurabilityChecker checker = new DurabilityChecker(2, List.of(d1, d2));
        RequestId w = new RequestId(1, 1);
        checker.requested(w, new Command.Put(X, Bytes.utf8("1")));
        checker.requested(new RequestId(2, 1), new Command.Get(X));
        d1.durable(new Held(w));
        String broken = checker.replied("n1", new Effect.Reply(w, Result.Ok.INSTANCE));
        assertNotNull(broken);
        assertTrue(broken.contains("1 disk [1]") && broken.contains("promises 2"), broken);
        assertNull(checker.replied("n1", new Effect.Reply(w, Result.Redirect.UNKNOWN_TARGET)), "no promise made");
        assertNull(checker.replied("n1", new Effect.Reply(new RequestId(2, 1), new Result.Value(java.util.Optional.empty()))),
                "reads promise nothing");
        d2.durable(new Held(w));
        assertNull(checker.replied("n1", new Effect.Reply(w, Result.Ok.INSTANCE)));
    }

    @Test
    void thePlanFollowsTheTraits() {
        for (String name : ProtocolRegistry.names()) {
            var p = ProtocolRegistry.get(name);
            SimOptions o = ScenarioGenerator.fromSeed(p, 1, EnumSet.allOf(FaultKind.class), 10);
            CheckerPlan plan = CheckerPlan.of(p, o);
            Traits t = p.traits();
            assertEquals(t.hasLeader(), plan.leaderHistory(), name);
            assertEquals(t.guarantee() == Traits.Guarantee.LINEARIZABLE, plan.linearizability(), name);
            assertEquals(t.order(), plan.appliedOrder(), name);
            if (t.guarantee() == Traits.Guarantee.DURABLE_ONLY) {
                assertTrue(plan.durableCopies() > 0, name + " must be held to its durability promise");
            }
            assertTrue(t.sizes().allows(o.clusterSize()), name + ": " + o.clusterSize() + " replicas");
            System.out.println(name + ": " + String.join("; ", plan.lines()));
        }
        CheckerPlan simplePush = CheckerPlan.of(ProtocolRegistry.get("simplepush"),
                ScenarioGenerator.fromSeed(ProtocolRegistry.get("simplepush"), 1, EnumSet.allOf(FaultKind.class), 10));
        assertFalse(simplePush.linearizability());
        assertTrue(simplePush.lines().stream().anyMatch(l -> l.startsWith("not run: linearizability")));
    }

    private record Held(RequestId id) implements DurableRecord {}
}
