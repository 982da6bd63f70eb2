package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.trace.TraceSpec;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.Validation;
import dev.lockstep.trace.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TraceMultiPaxos checks MultiPaxos's costly invariants only on the steps that can change them
 * ({@code <Name>OnChange}, over the changed slots or servers). Each is shown to fire, at the right
 * line: a good trace (seed 2024's first run, accepted by the real spec) is validated against a
 * copy of MultiPaxos.tla whose per-slot part {@code <Name>At} is replaced by one that this trace
 * must break, reading the same slot.
 */
class MultiPaxosOnChangeChecksTest {

    @TempDir
    static Path dir;
    static Path trace;
    static List<JsonNode> lines;

    @BeforeAll
    static void goodTrace() throws IOException {
        trace = ConformanceTraces.simulate(ProtocolRegistry.get("multipaxos"), 2024, 0, 20, dir).trace();
        ObjectMapper json = new ObjectMapper();
        try (Stream<String> text = Files.lines(trace)) {
            lines = text.map(l -> {
                try {
                    return json.readTree(l);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /** specs/multipaxos with the definition {@code head ==} of MultiPaxos.tla replaced, in a folder of its own. */
    private static TraceSpec withDefinition(String head, String body) throws IOException {
        TraceSpec real = ConformanceTraces.validator(ProtocolRegistry.get("multipaxos"), false).spec();
        Path specDir = Files.createDirectories(dir.resolve("spec-" + head.replaceAll("\\W", "")));
        try (Stream<Path> files = Files.list(real.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, specDir.resolve(f.getFileName()));
            }
        }
        Path tla = specDir.resolve(real.specTla().getFileName());
        Matcher m = Pattern.compile("(?ms)^" + Pattern.quote(head) + " ==.*?(?=^\\S)").matcher(Files.readString(tla));
        assertTrue(m.find(), head + " not found in MultiPaxos.tla");
        Files.writeString(tla, m.replaceFirst(Matcher.quoteReplacement(head + " == " + body + "\n")));
        return new TraceSpec(specDir, real.module());
    }

    /** The 1-based number of the first trace line whose logged {@code field} is at least {@code atLeast}. */
    private static int firstLineWith(String field, int atLeast) {
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).path("state").path(field).asInt(0) >= atLeast) {
                return k + 1;
            }
        }
        throw new AssertionError("no line logs " + field + " >= " + atLeast);
    }

    private static void assertFiresAt(String name, String head, String body, int line) throws IOException {
        Validation v = new TraceValidator(withDefinition(head, body), TraceValidator.Options.DEFAULT).validate(trace);
        ValidationReport.lines(v).forEach(System.out::println);
        assertEquals(Validation.Outcome.VIOLATION, v.outcome(), v.toString());
        assertEquals("action property " + name + "OnChange", v.violation().get().check());
        assertEquals(line, v.violation().get().line());
    }

    /** The first vote in slot 2 is the line where a log first reaches two slots (a leader writes first). */
    @Test
    void oneValuePerBallotIsCheckedWhenASlotGetsAVote() throws IOException {
        assertFiresAt("OneValuePerBallot", "OneValuePerBallotAt(s)", "s < 2", firstLineWith("logLen", 2));
    }

    @Test
    void chosenUniqueIsCheckedWhenASlotGetsAVote() throws IOException {
        assertFiresAt("ChosenUnique", "ChosenUniqueAt(s)", "s < 2", firstLineWith("logLen", 2));
    }

    @Test
    void committedChosenIsCheckedWhenASlotIsCommitted() throws IOException {
        assertFiresAt("CommittedChosen", "CommittedChosenAt(i, s)", "s < 2", firstLineWith("commitIndex", 2));
    }

    @Test
    void committedPrefixesAgreeIsCheckedWhenASlotIsCommitted() throws IOException {
        assertFiresAt("CommittedPrefixesAgree", "CommittedAgreeAt(i, j, s)", "s < 2",
                firstLineWith("commitIndex", 2));
    }
}
