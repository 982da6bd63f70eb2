package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces of the real Raft core (scripted, {@link ScriptedRaft}) validated against
 * specs/raft/TraceRaft.tla: the good traces are accepted; each broken variant is rejected at the
 * line where it goes wrong, with a reason that names what differs.
 */
class RaftTraceValidationTest {

    @TempDir
    static Path dir;
    static Path good;
    static Path splitVote;
    static TraceValidator validator;

    @BeforeAll
    static void traces() throws IOException {
        validator = new TraceValidator(TestSpecs.raft(), TraceValidator.Options.DEFAULT);
        ScriptedRaft c = new ScriptedRaft(3);
        c.tickUntil(1, "Timeout").deliverAll();
        c.put(1, "a", "1").put(1, "b", "2").deliverAll();
        c.tickUntil(1, "Heartbeat").deliverAll();
        c.get(1, "a").deliverAll();
        c.crash(3).put(1, "c", "3").deliverAll().restart(3);
        c.tickUntil(1, "Heartbeat").duplicateOldest().dropOldest().deliverAll();
        c.put(1, "d", "4").deliverAll().tickUntil(1, "Heartbeat").deliverAll();
        good = c.write(dir.resolve("good.ndjson"));
        // n1 and n2 both stand for term 1; n3 votes for n1 first and must refuse n2.
        ScriptedRaft s = new ScriptedRaft(3);
        s.tickUntil(1, "Timeout").tickUntil(2, "Timeout").deliverAll();
        splitVote = s.write(dir.resolve("split-vote.ndjson"));
    }

    private static Validation check(Path trace) {
        Validation v = validator.validate(trace);
        ValidationReport.lines(v).forEach(System.out::println);
        return v;
    }

    private static void assertRejectedAt(Validation v, int line) {
        assertEquals(Validation.Outcome.REJECTED, v.outcome(), v.toString());
        assertEquals(line, v.rejection().orElseThrow().line().number());
        assertEquals(line - 1, v.matched());
    }

    @Test
    void goodTracesAreAccepted() {
        for (Path t : new Path[] {good, splitVote}) {
            Validation v = check(t);
            assertEquals(Validation.Outcome.ACCEPTED, v.outcome(), v.toString());
            assertEquals(v.lines(), v.matched());
            assertTrue(v.distinctStates() > v.lines());
        }
    }

    @Test
    void aDroppedLineIsRejectedWhereTheLeaderNextActs() throws IOException {
        TraceEdits t = TraceEdits.read(good);
        int becomeLeader = t.find(1, TraceEdits.action("BecomeLeader"));
        String leader = t.line(becomeLeader).path("node").asText();
        t.drop(becomeLeader);
        int next = t.find(becomeLeader, o -> o.path("node").asText().equals(leader));
        Validation v = check(t.write(dir.resolve("dropped.ndjson")));
        assertRejectedAt(v, next);
        assertTrue(v.rejection().get().reason().contains("cannot take"), v.rejection().get().reason());
    }

    @Test
    void swappedLinesAreRejectedAtTheFirstOfThem() throws IOException {
        TraceEdits t = TraceEdits.read(good);
        int vote = t.find(1, TraceEdits.action("HandleRequestVoteRequest"));
        int updateTerm = vote - 1;
        assertEquals("UpdateTerm", t.line(updateTerm).path("action").asText());
        Validation v = check(t.swap(updateTerm, vote).write(dir.resolve("swapped.ndjson")));
        assertRejectedAt(v, updateTerm);
    }

    @Test
    void aChangedTermIsRejectedAtThatLine() throws IOException {
        TraceEdits t = TraceEdits.read(good);
        int line = t.find(t.size() / 2, TraceEdits.action("HandleAppendEntriesRequest"));
        t.edit(line, o -> {
            ObjectNode state = (ObjectNode) o.get("state");
            state.put("currentTerm", state.get("currentTerm").asInt() + 1);
        });
        Validation v = check(t.write(dir.resolve("term.ndjson")));
        assertRejectedAt(v, line);
        assertEquals(java.util.List.of("currentTerm"), v.rejection().get().differingFields());
    }

    @Test
    void aSecondVoteInOneTermIsRejected() throws IOException {
        TraceEdits t = TraceEdits.read(splitVote);
        int first = t.find(1, o -> isVoteBy(o, "n3", true));
        int refusal = t.find(first + 1, o -> isVoteBy(o, "n3", false));
        String other = t.line(refusal).path("msg").path("from").asText();
        t.edit(refusal, o -> {
            ((ObjectNode) o.get("sent").get(0)).put("granted", true);
            ((ObjectNode) o.get("state")).put("votedFor", other);
        });
        Validation v = check(t.write(dir.resolve("double-vote.ndjson")));
        assertRejectedAt(v, refusal);
        Rejection r = v.rejection().get();
        assertEquals(java.util.List.of("votedFor"), r.differingFields());
        assertTrue(r.reason().contains("sends other messages"), r.reason());
    }

    private static boolean isVoteBy(ObjectNode o, String node, boolean granted) {
        return o.path("action").asText().equals("HandleRequestVoteRequest") && o.path("node").asText().equals(node)
                && o.path("sent").path(0).path("granted").asBoolean() == granted;
    }
}
