package dev.lockstep.multipaxos;

import static dev.lockstep.multipaxos.PaxosCluster.n;
import static dev.lockstep.multipaxos.ReplicationTest.put;
import static dev.lockstep.multipaxos.ReplicationTest.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.Role;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The contract's runtime semantics (effect order) and "Trace lines" section. */
class TraceTest {
    private static final List<String> STATE_KEYS = List.of("promised", "role", "commitIndex", "logLen", "logLastBal");
    private static final Set<String> ACTIONS = Set.of("Prepare", "HandlePrepareRequest", "HandlePrepareResponse",
            "BecomeLeader", "ClientRequest", "Accept", "HandleAcceptRequest", "HandleAcceptResponse", "AdvanceCommit",
            "CatchUp", "HandleCatchUpRequest", "InstallSnapshot", "HandleInstallSnapshotRequest", "ObserveBallot",
            "Restart");
    private static final Map<String, List<String>> MESSAGE_FIELDS = Map.of(
            "PrepareRequest", List.of("commit"),
            "PrepareResponse", List.of("ok", "commit", "entries"),
            "AcceptRequest", List.of("slot", "entries", "commit"),
            "AcceptResponse", List.of("ok", "slot", "count", "commit"),
            "CatchUpRequest", List.of("slot", "entries"),
            "InstallSnapshotRequest", List.of("lastSlot"));

    /**
     * A run with elections, writes, a read, catch-up of a lagging follower, a proposer refused
     * for a higher ballot, a snapshot install and restarts.
     */
    private static PaxosCluster eventfulRun() {
        PaxosCluster c = new PaxosCluster(3, cfg -> PaxosCluster.snapshotEvery(cfg, 8));
        c.recordSteps = true;
        c.elect(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 1; k <= 5; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
            c.deliverAll();
        }
        c.settle(n(1));
        c.crash(n(1));
        c.dropRule = e -> false;
        c.elect(n(2));
        c.submit(n(2), new RequestId(9, 1), new Command.Get(Bytes.utf8("k1")));
        c.settle(n(2));
        c.restart(n(1));
        // n1's timer fires while n2 leads: n3 hears n2, so n1's pre-prepare is refused and n2 stays.
        c.tickAll(25);
        c.deliverAll();
        // n2 is cut off; n1 leads a higher ballot; healed, n2 hears of it and steps down (ObserveBallot).
        c.dropRule = PaxosCluster.isolating(n(2));
        c.elect(n(1));
        c.dropRule = e -> false;
        for (int k = 0; k < 10 && c.tracesOf(n(2), "ObserveBallot").isEmpty(); k++) {
            c.tick(n(2));
            c.deliverAll();
        }
        c.settle(n(1));
        c.dropRule = PaxosCluster.isolating(n(3));
        for (int k = 6; k <= 20; k++) {
            c.submit(n(1), req(k), put("k" + k, "v"));
            c.deliverAll();
        }
        c.dropRule = e -> false;
        c.settle(n(1));
        c.crash(n(3));
        c.restart(n(3));
        c.settle(n(1));
        return c;
    }

    @Test
    void eachStepIsOnePersistThenTracesThenOutputs() {
        PaxosCluster c = eventfulRun();
        Map<String, Long> lastSeq = new TreeMap<>();
        for (PaxosCluster.StepRecord s : c.steps) {
            int phase = 0;
            for (Effect e : s.step().effects()) {
                int p = e instanceof Effect.Persist ? 0 : e instanceof Effect.Trace ? 1 : 2;
                assertTrue(p >= phase, "out of order in " + s);
                assertTrue(p > 0 || s.step().effects().indexOf(e) == 0, "one Persist, first");
                phase = Math.max(phase, p == 0 ? 1 : p);
                if (e instanceof Effect.Persist persist) {
                    long expected = lastSeq.getOrDefault(s.instance(), 0L) + 1;
                    assertEquals(expected, persist.seq(), "Persist seq increases by one per instance");
                    lastSeq.put(s.instance(), persist.seq());
                    assertFalse(persist.records().isEmpty());
                }
            }
        }
    }

    @Test
    void everyLineHasTheContractsShape() {
        PaxosCluster c = eventfulRun();
        assertTrue(c.traces.size() > 50);
        Set<String> seen = new TreeSet<>();
        for (Effect.Trace t : c.traces) {
            assertTrue(ACTIONS.contains(t.action()), t.action());
            seen.add(t.action());
            Map<String, Object> f = t.fields();
            assertTrue(f.get("node") instanceof String);
            Map<?, ?> state = (Map<?, ?>) f.get("state");
            assertEquals(STATE_KEYS, List.copyOf(state.keySet()).subList(0, 5), t.action());
            assertTrue(Set.of("Follower", "Preparing", "Leader").contains(state.get("role")));
            if (t.action().startsWith("Handle") || t.action().equals("ObserveBallot")) {
                Map<?, ?> msg = (Map<?, ?>) f.get("msg");
                assertEquals(f.get("node"), msg.get("to"));
                checkMessage(msg);
            }
            for (Object sent : (List<?>) f.get("sent")) {
                checkMessage((Map<?, ?>) sent);
                assertEquals(f.get("node"), ((Map<?, ?>) sent).get("from"));
            }
            if (Set.of("BecomeLeader", "ClientRequest").contains(t.action())) {
                assertTrue(state.containsKey("firstSlot") && state.containsKey("lastSlot"), t.action());
            }
            if (t.action().equals("HandlePrepareResponse")) {
                assertTrue(state.get("promises") instanceof List);
            }
            noIntegersOrNulls(f, t.action());
        }
        assertTrue(seen.containsAll(Set.of("Prepare", "HandlePrepareRequest", "HandlePrepareResponse", "BecomeLeader",
                "ClientRequest", "Accept", "HandleAcceptRequest", "HandleAcceptResponse", "AdvanceCommit", "CatchUp",
                "HandleCatchUpRequest", "InstallSnapshot", "HandleInstallSnapshotRequest", "ObserveBallot", "Restart")),
                seen.toString());
    }

    private static void checkMessage(Map<?, ?> msg) {
        List<?> keys = List.copyOf(msg.keySet());
        assertEquals(List.of("type", "from", "to", "ballot"), keys.subList(0, 4));
        assertEquals(MESSAGE_FIELDS.get(msg.get("type")), keys.subList(4, keys.size()), msg.toString());
    }

    @Test
    void aFollowersAcceptLineMatchesTheContract() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), new RequestId(7, 4), put("x", "1"));
        c.deliverAll();
        Effect.Trace line = c.tracesOf(n(2), "HandleAcceptRequest").get(1);
        Map<String, Object> msg = Map.of("type", "AcceptRequest", "from", "n1", "to", "n2", "ballot", 257L,
                "slot", 1L, "entries", List.of(Map.of("kind", "cmd", "id", "7:4")), "commit", 0L);
        Map<String, Object> sent = Map.of("type", "AcceptResponse", "from", "n2", "to", "n1", "ballot", 257L,
                "ok", true, "slot", 1L, "count", 1L, "commit", 0L);
        Map<String, Object> state = Map.of("promised", 257L, "role", "Follower", "commitIndex", 0L, "logLen", 1L,
                "logLastBal", 257L);
        assertEquals(Map.of("node", "n2", "msg", msg, "sent", List.of(sent), "state", state), line.fields());
        Effect.Trace request = c.tracesOf(n(1), "ClientRequest").get(0);
        assertEquals(Map.of("id", "7:4"), request.fields().get("params"));
        Map<?, ?> leaderState = (Map<?, ?>) request.fields().get("state");
        assertEquals(1L, leaderState.get("firstSlot"));
        assertEquals(1L, leaderState.get("lastSlot"));
        Effect.Trace accept = c.tracesOf(n(1), "Accept").get(2);
        assertEquals(Map.of("peer", "n2", "slot", 1L, "count", 1L), accept.fields().get("params"));
        assertEquals(Map.of("n", 1L), c.tracesOf(n(1), "AdvanceCommit").get(0).fields().get("params"));
    }

    @Test
    void aPromiseReportsAcceptedSlotsAsSlotBalKindId() {
        PaxosCluster c = new PaxosCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), new RequestId(7, 3), put("x", "1"));
        c.settle(n(1));
        c.step(n(2), new Event.Receive(n(3), new PaxosMessage.PrepareRequest(2 * 256 + 3, 0)));
        Effect.Trace line = c.tracesOf(n(2), "HandlePrepareRequest").get(1);
        Map<?, ?> sent = (Map<?, ?>) ((List<?>) line.fields().get("sent")).get(0);
        assertEquals(List.of(Map.of("slot", 1L, "bal", 257L, "kind", "cmd", "id", "7:3")), sent.get("entries"));
        assertEquals(true, sent.get("ok"));
        assertEquals(1L, sent.get("commit"), "the responder's commit index");
    }

    @Test
    void noTraceEffectsWhenTracingIsOff() {
        ReplicaConfig cfg = new LeaderTuning(10, 20, 2, 8, 2, 0).config(n(1), List.of(n(1)), false);
        MultiPaxosReplica r = new MultiPaxosReplica(cfg, 3);
        for (int k = 0; k < 50; k++) {
            Step s = r.step(new Event.Tick(0));
            assertTrue(s.effects().stream().noneMatch(e -> e instanceof Effect.Trace));
        }
        assertEquals(Role.LEADER, r.view().role());
    }

    private static void noIntegersOrNulls(Object value, String action) {
        if (value == null || value instanceof Integer) {
            fail(action + ": null or Integer in a trace line (numbers are Long)");
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> noIntegersOrNulls(v, action));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> noIntegersOrNulls(v, action));
        }
    }
}
