package dev.lockstep.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Protocol;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.sim.toy.ToyBug;
import dev.lockstep.sim.toy.ToyProtocol;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each simulator checker rejects a broken input and accepts a good one. */
class CheckerUnitTest {

    @Test
    void appliedLogCheckerRejectsDivergenceAndReapplyingBackwards() {
        AppliedLogChecker c = new AppliedLogChecker(2);
        Command put = new Command.Put(Bytes.utf8("k"), Bytes.utf8("1"));
        Effect.Apply a1 = new Effect.Apply(1, new RequestId(1, 1), put, Result.Ok.INSTANCE);
        assertNull(c.onApply(0, "n1", 0, a1));
        assertNull(c.onApply(1, "n2", 0, a1));
        Effect.Apply other = new Effect.Apply(2, new RequestId(1, 2), put, Result.Ok.INSTANCE);
        Effect.Apply diverging = new Effect.Apply(2, new RequestId(2, 1), put, Result.Ok.INSTANCE);
        assertNull(c.onApply(0, "n1", 0, other));
        String problem = c.onApply(1, "n2", 0, diverging);
        assertNotNull(problem);
        assertTrue(problem.contains("disagree at index 2"), problem);
        assertNotNull(c.onApply(0, "n1", 0, a1), "an incarnation never applies an index twice");
        assertNull(c.onApply(0, "n1", 1, a1), "a restarted node re-applies from the start");
    }

    @Test
    void stepContractRejectsAReceiveLineNamingAnotherMessage() {
        StepContract contract = new StepContract(NodeId.of(2));
        Map<String, Object> delivered = Map.of("type", "Ping", "from", "n1", "to", "n2", "term", 3);
        Map<String, Object> same = Map.of("type", "Ping", "from", "n1", "to", "n2", "term", 3L);
        Map<String, Object> other = Map.of("type", "Ping", "from", "n1", "to", "n2", "term", 4);
        Envelope env = new Envelope(0, 1, () -> 3, delivered);
        assertNull(contract.check(List.of(new Effect.Trace("HandlePing", Map.of("msg", same, "sent", List.of()))), env),
                "3 and 3L are the same JSON number");
        String problem = contract.check(List.of(new Effect.Trace("HandlePing", Map.of("msg", other, "sent", List.of()))), env);
        assertNotNull(problem);
        assertTrue(problem.contains("HandlePing"), problem);
    }

    @Test
    void clusterInvariantViolationIsASafetyFailureNamingTheInvariant() {
        Protocol toy = ToyProtocol.descriptor(ToyBug.NONE);
        ClusterInvariant smallLogs = replicas -> replicas.stream().anyMatch(r -> r.status().counter("appliedIndex") > 5)
                ? Optional.of(new ClusterInvariant.Violation("AtMostFiveEntries", "a replica applied a sixth entry"))
                : Optional.empty();
        Protocol strict = new Protocol("toy-strict", toy.specDir(), toy.specModule(), toy.traits(), toy.parameters(),
                toy.factory(), null, smallLogs, toy.messageTraceForm(), toy.durability());
        RunResult r = Simulation.run(strict, ScenarioGenerator.fromSeed(strict, 3, EnumSet.noneOf(FaultKind.class), 40), false);
        assertEquals(FailureKind.SAFETY, r.failure().orElseThrow().kind());
        assertTrue(r.failure().get().detail().startsWith("AtMostFiveEntries"), r.failure().get().detail());
        assertEquals("./lockstep simulate --protocol toy-strict --seed 3 --ops 40 --faults none", r.failure().get().replay());
    }
}
