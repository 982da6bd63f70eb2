package dev.lockstep.raft;

import static dev.lockstep.raft.RaftCluster.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Step;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's "How a step orders its effects" and "Trace lines" sections. */
class TraceTest {
    private static final List<String> STATE_KEYS =
            List.of("currentTerm", "votedFor", "role", "commitIndex", "logLen", "logLastTerm");
    private static final Set<String> ACTIONS = Set.of("Timeout", "HandleRequestPreVoteRequest",
            "HandleRequestPreVoteResponse", "BecomeCandidate", "HandleRequestVoteRequest", "HandleRequestVoteResponse",
            "BecomeLeader", "ClientRequest", "AppendEntries", "HandleAppendEntriesRequest", "HandleAppendEntriesResponse",
            "AdvanceCommitIndex", "Heartbeat", "HandleHeartbeatRequest", "HandleHeartbeatResponse", "ClientRead",
            "ServeRead", "InstallSnapshot", "HandleInstallSnapshotRequest", "UpdateTerm", "Restart");

    /** A run with elections, writes, reads, a snapshot install and a restart. */
    private static RaftCluster eventfulRun() {
        RaftCluster c = new RaftCluster(3, cfg -> SnapshotTest.snapshotEvery(cfg, 4));
        c.recordSteps = true;
        c.elect(n(1));
        c.dropRule = RaftCluster.isolating(n(3));
        for (int k = 1; k <= 9; k++) {
            c.submit(n(1), ReplicationTest.req(k), ReplicationTest.put("k" + k, "v"));
            c.deliverAll();
        }
        c.submit(n(1), ReadIndexTest.read(1), new dev.lockstep.kv.Command.Get(dev.lockstep.base.Bytes.utf8("k1")));
        c.dropRule = e -> false;
        c.settle(n(1));
        c.crash(n(2));
        c.restart(n(2));
        c.crash(n(1));
        c.elect(n(2));
        c.restart(n(1));
        c.settle(n(2));
        return c;
    }

    @Test
    void eachStepIsOnePersistThenTracesThenOutputs() {
        RaftCluster c = eventfulRun();
        Map<String, Long> lastSeq = new java.util.TreeMap<>();
        for (RaftCluster.StepRecord s : c.steps) {
            int phase = 0;
            for (Effect e : s.step().effects()) {
                int p = e instanceof Effect.Persist ? 0 : e instanceof Effect.Trace ? 1 : 2;
                assertTrue(p >= phase, "out of order in " + s);
                assertTrue(p > 0 || phase == 0 && s.step().effects().indexOf(e) == 0, "one Persist, first");
                phase = Math.max(phase, p == 0 ? 1 : p);
                if (e instanceof Effect.Persist persist) {
                    String instance = s.instance();
                    long expected = lastSeq.getOrDefault(instance, 0L) + 1;
                    assertEquals(expected, persist.seq(), "Persist seq increases by one per instance");
                    lastSeq.put(instance, persist.seq());
                    assertFalse(persist.records().isEmpty());
                }
            }
        }
    }

    @Test
    void everyLineHasTheContractsShape() {
        RaftCluster c = eventfulRun();
        assertTrue(c.traces.size() > 50);
        Set<String> seen = new java.util.TreeSet<>();
        for (Effect.Trace t : c.traces) {
            assertTrue(ACTIONS.contains(t.action()), t.action());
            seen.add(t.action());
            Map<String, Object> f = t.fields();
            assertTrue(f.get("node") instanceof String);
            assertTrue(f.get("sent") instanceof List);
            Map<?, ?> state = (Map<?, ?>) f.get("state");
            assertEquals(STATE_KEYS, List.copyOf(state.keySet()).subList(0, 6), t.action());
            assertTrue(state.get("votedFor") instanceof String);
            assertTrue(Set.of("Follower", "PreCandidate", "Candidate", "Leader").contains(state.get("role")));
            if (t.action().startsWith("Handle") || t.action().equals("UpdateTerm")) {
                Map<?, ?> msg = (Map<?, ?>) f.get("msg");
                assertEquals(List.of("type", "from", "to", "term"), List.copyOf(msg.keySet()).subList(0, 4));
                assertEquals(f.get("node"), msg.get("to"));
            }
            noIntegersOrNulls(f, t.action());
        }
        assertTrue(seen.containsAll(Set.of("Timeout", "BecomeLeader", "ClientRequest", "AppendEntries",
                "HandleAppendEntriesRequest", "HandleAppendEntriesResponse", "AdvanceCommitIndex", "Heartbeat",
                "ClientRead", "ServeRead", "HandleHeartbeatResponse", "InstallSnapshot", "HandleInstallSnapshotRequest",
                "Restart", "UpdateTerm")), seen.toString());
    }

    @Test
    void aFollowersAppendLineMatchesTheContractExample() {
        RaftCluster c = new RaftCluster(3, cfg -> cfg);
        c.elect(n(1));
        c.submit(n(1), new dev.lockstep.kv.RequestId(7, 4), ReplicationTest.put("x", "1"));
        c.deliverAll();
        Effect.Trace line = c.tracesOf(n(2), "HandleAppendEntriesRequest").get(1);
        Map<String, Object> msg = Map.of("type", "AppendEntriesRequest", "from", "n1", "to", "n2", "term", 1L,
                "prevLogIndex", 1L, "prevLogTerm", 1L,
                "entries", List.of(Map.of("term", 1L, "kind", "cmd", "id", "7:4")), "commit", 1L);
        Map<String, Object> sent = Map.of("type", "AppendEntriesResponse", "from", "n2", "to", "n1", "term", 1L,
                "success", true, "matchIndex", 2L, "conflictIndex", 0L, "conflictTerm", 0L);
        Map<String, Object> state = Map.of("currentTerm", 1L, "votedFor", "n1", "role", "Follower",
                "commitIndex", 1L, "logLen", 2L, "logLastTerm", 1L);
        assertEquals(Map.of("node", "n2", "msg", msg, "sent", List.of(sent), "state", state), line.fields());
    }

    @Test
    void noTraceEffectsWhenTracingIsOff() {
        ReplicaConfig cfg = new LeaderTuning(10, 20, 2, 8, 2, 0).config(n(1), List.of(n(1)), false);
        RaftReplica r = new RaftReplica(cfg, 3);
        for (int k = 0; k < 50; k++) {
            Step s = r.step(new Event.Tick(0));
            assertTrue(s.effects().stream().noneMatch(e -> e instanceof Effect.Trace));
        }
        assertEquals(dev.lockstep.common.Role.LEADER, r.view().role());
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
