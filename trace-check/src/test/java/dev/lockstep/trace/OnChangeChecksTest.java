package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TraceRaft checks TypeOK, LogMatching, StateMachineSafety, NoopStartsEveryTerm and
 * SessionExactlyOnce incrementally ({@code <Name>OnChange}: only what a step changed, given that
 * the invariant held before it). Each is shown to fire, at the right line, on a real violation: the
 * test validates a good trace against a copy of Raft.tla with one action (or the ghost history)
 * broken so that the spec's hidden state (log contents, which a trace does not log) breaks the
 * invariant while every logged value still matches. Other checks that the same break violates are
 * skipped, so the one under test must fire.
 */
class OnChangeChecksTest {

    @TempDir
    static Path dir;
    static Path trace;
    static TraceEdits lines;

    /** A follower stores a client command under another request id (term and length unchanged). */
    private static final String FOLLOWER_RENAMES_COMMANDS = """
            MergeEntries(xlog, m) ==
                LET k == FirstNewEntry(xlog, m)
                    e(n) == IF m.entries[n].kind = "cmd"
                            THEN [m.entries[n] EXCEPT !.id = @ \\o "'"] ELSE m.entries[n]
                IN IF k = 0 THEN xlog
                   ELSE SubSeq(xlog, 1, m.prevLogIndex + k - 1)
                          \\o [n \\in 1..(Len(m.entries) - k + 1) |-> e(k + n - 1)]
            """;

    @BeforeAll
    static void goodTrace() throws IOException {
        ScriptedRaft c = new ScriptedRaft(3);
        c.tickUntil(1, "Timeout").deliverAll();
        c.put(1, "a", "1").put(1, "b", "2").deliverAll();
        c.tickUntil(1, "Heartbeat").deliverAll(); // the followers learn the commit index
        trace = c.write(dir.resolve("good.ndjson"));
        lines = TraceEdits.read(trace);
    }

    /** Raft.tla with {@code original} (which must occur once) replaced, in a folder of its own. */
    private static TraceSpec withBrokenRaft(String name, String original, String replacement) throws IOException {
        Path specDir = Files.createDirectories(dir.resolve("spec-" + name));
        try (Stream<Path> files = Files.list(TestSpecs.raft().dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, specDir.resolve(f.getFileName()));
            }
        }
        Path tla = specDir.resolve("Raft.tla");
        String text = Files.readString(tla);
        int at = text.indexOf(original);
        assertTrue(at >= 0 && text.indexOf(original, at + 1) < 0, "not found once in Raft.tla: " + original);
        Files.writeString(tla, text.replace(original, replacement));
        return new TraceSpec(specDir, "Raft");
    }

    /** The MergeEntries definition of Raft.tla, up to the next definition's comment. */
    private static String mergeEntriesDefinition() throws IOException {
        String text = Files.readString(TestSpecs.raft().dir().resolve("Raft.tla"));
        int from = text.indexOf("MergeEntries(xlog, m) ==");
        int to = text.indexOf("\n\n", from);
        assertTrue(from >= 0 && to > from, "MergeEntries not found in Raft.tla");
        return text.substring(from, to + 1);
    }

    private static void assertFiresAt(String check, TraceSpec spec, Set<String> skipped,
            Predicate<ObjectNode> firstBreakingLine) {
        Validation v = new TraceValidator(spec, TraceValidator.Options.DEFAULT.withSkipChecks(skipped))
                .validate(trace);
        ValidationReport.lines(v).forEach(System.out::println);
        assertEquals(Validation.Outcome.VIOLATION, v.outcome(), v.toString());
        assertEquals("action property " + check, v.violation().get().check());
        assertEquals(lines.find(1, firstBreakingLine), v.violation().get().line());
    }

    private static int stateField(ObjectNode line, String field) {
        return line.path("state").path(field).asInt(0);
    }

    private static boolean isAction(ObjectNode line, String action) {
        return line.path("action").asText().equals(action);
    }

    private static boolean followerLearnsCommit(ObjectNode o, int index) {
        return o.path("action").asText().matches("Handle(AppendEntries|Heartbeat)Request")
                && stateField(o, "commitIndex") >= index;
    }

    @Test
    void logMatchingFiresWhenAFollowerStoresAnotherEntry() throws IOException {
        TraceSpec spec = withBrokenRaft("LogMatching", mergeEntriesDefinition(), FOLLOWER_RENAMES_COMMANDS);
        assertFiresAt("LogMatchingOnChange", spec, Set.of(),
                o -> isAction(o, "HandleAppendEntriesRequest") && stateField(o, "logLen") >= 2);
    }

    @Test
    void stateMachineSafetyFiresWhenAFollowerCommitsAnotherEntry() throws IOException {
        TraceSpec spec = withBrokenRaft("StateMachineSafety", mergeEntriesDefinition(), FOLLOWER_RENAMES_COMMANDS);
        assertFiresAt("StateMachineSafetyOnChange", spec,
                Set.of("LogMatchingOnChange", "SessionExactlyOnceOnChange"), o -> followerLearnsCommit(o, 2));
    }

    @Test
    void noopStartsEveryTermFiresWhenATermStartsWithACommand() throws IOException {
        TraceSpec spec = withBrokenRaft("NoopStart", "Append(@, NoopEntry(currentTerm[i]))",
                "Append(@, CmdEntry(currentTerm[i], \"x:1\"))");
        assertFiresAt("NoopStartsEveryTermOnChange", spec, Set.of(), o -> isAction(o, "BecomeLeader"));
    }

    @Test
    void noopStartsEveryTermFiresWhenALeaderLacksItsNoop() throws IOException {
        TraceSpec spec = withBrokenRaft("LeaderNoop", "Append(@, NoopEntry(currentTerm[i]))",
                "Append(@, [NoopEntry(currentTerm[i]) EXCEPT !.id = \"x:1\"])");
        assertFiresAt("NoopStartsEveryTermOnChange", spec, Set.of("TypeOKOnChange"), o -> isAction(o, "BecomeLeader"));
    }

    @Test
    void typeOKFiresWhenALogGetsAnIllTypedEntry() throws IOException {
        TraceSpec spec = withBrokenRaft("TypeOK", "Append(@, NoopEntry(currentTerm[i]))",
                "Append(@, [NoopEntry(currentTerm[i]) EXCEPT !.id = \"x:1\"])");
        assertFiresAt("TypeOKOnChange", spec, Set.of("NoopStartsEveryTermOnChange"), o -> isAction(o, "BecomeLeader"));
    }

    @Test
    void sessionExactlyOnceFiresWhenTheHistoryRecordsAnotherRequest() throws IOException {
        TraceSpec spec = withBrokenRaft("SessionLeader", "entry |-> log[i][Len(committed) + k]",
                "entry |-> [log[i][Len(committed) + k] EXCEPT !.id = IF @ = \"\" THEN @ ELSE @ \\o \"'\"]");
        assertFiresAt("SessionExactlyOnceOnChange", spec, Set.of("LeaderCompleteness"),
                o -> isAction(o, "AdvanceCommitIndex") && stateField(o, "commitIndex") >= 2);
    }

    @Test
    void sessionExactlyOnceFiresWhenAFollowerCommitsAnIdTheHistoryLacks() throws IOException {
        TraceSpec spec = withBrokenRaft("SessionFollower", mergeEntriesDefinition(), FOLLOWER_RENAMES_COMMANDS);
        assertFiresAt("SessionExactlyOnceOnChange", spec,
                Set.of("LogMatchingOnChange", "StateMachineSafetyOnChange"), o -> followerLearnsCommit(o, 2));
    }
}
