package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TraceRaft checks some of Raft's invariants only on the steps that can change them
 * ({@code <Name>OnChange}, evaluated over the changed servers). Each is shown to fire, at the
 * right line: the test validates a good trace against a copy of Raft.tla whose invariant is
 * replaced by one that a trace of this length must break, reading the same variables.
 */
class OnChangeChecksTest {

    @TempDir
    static Path dir;
    static Path trace;
    static TraceEdits lines;

    @BeforeAll
    static void goodTrace() throws IOException {
        ScriptedRaft c = new ScriptedRaft(3);
        c.tickUntil(1, "Timeout").deliverAll();
        c.put(1, "a", "1").put(1, "b", "2").deliverAll();
        trace = c.write(dir.resolve("good.ndjson"));
        lines = TraceEdits.read(trace);
    }

    /** Raft.tla with the definition of {@code name} replaced, in a folder of its own. */
    private static TraceSpec withDefinition(String name, String body) throws IOException {
        Path specDir = Files.createDirectories(dir.resolve("spec-" + name));
        Path raft = TestSpecs.raft().dir();
        try (Stream<Path> files = Files.list(raft)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, specDir.resolve(f.getFileName()));
            }
        }
        Path tla = specDir.resolve("Raft.tla");
        Matcher m = Pattern.compile("(?ms)^" + name + " ==.*?(?=^\\S)").matcher(Files.readString(tla));
        assertTrue(m.find(), name + " not found in Raft.tla");
        Files.writeString(tla, m.replaceFirst(Matcher.quoteReplacement(name + " == " + body + "\n\n")));
        return new TraceSpec(specDir, "Raft");
    }

    private static void assertFiresAt(String invariant, String body, Predicate<ObjectNode> firstBreakingLine)
            throws IOException {
        Validation v = new TraceValidator(withDefinition(invariant, body), TraceValidator.Options.DEFAULT)
                .validate(trace);
        ValidationReport.lines(v).forEach(System.out::println);
        assertEquals(Validation.Outcome.VIOLATION, v.outcome(), v.toString());
        assertEquals("action property " + invariant + "OnChange", v.violation().get().check());
        assertEquals(lines.find(1, firstBreakingLine), v.violation().get().line());
    }

    private static int stateField(ObjectNode line, String field) {
        return line.path("state").path(field).asInt(0);
    }

    @Test
    void logMatchingIsCheckedWhenALogChanges() throws IOException {
        assertFiresAt("LogMatching", "\\A i \\in Server : Len(log[i]) < 2", o -> stateField(o, "logLen") >= 2);
    }

    @Test
    void stateMachineSafetyIsCheckedWhenACommittedPrefixChanges() throws IOException {
        assertFiresAt("StateMachineSafety", "\\A i \\in Server : commitIndex[i] < 2",
                o -> stateField(o, "commitIndex") >= 2);
    }

    @Test
    void noopStartsEveryTermIsCheckedWhenALogRoleOrTermChanges() throws IOException {
        assertFiresAt("NoopStartsEveryTerm", "\\A i \\in Server : state[i] # \"Leader\"",
                o -> o.path("state").path("role").asText().equals("Leader"));
    }

    @Test
    void sessionExactlyOnceIsCheckedWhenACommittedPrefixChanges() throws IOException {
        assertFiresAt("SessionExactlyOnce", "\\A i \\in Server : CommittedPrefix(i) = <<>>",
                o -> stateField(o, "commitIndex") >= 1);
    }
}
