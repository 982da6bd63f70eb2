package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.tlc.TlcJob;
import dev.lockstep.tlc.TlcListener;
import dev.lockstep.tlc.TlcResult;
import dev.lockstep.tlc.TlcRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation machinery on a toy protocol (test resources toy/): the NDJSON override, the line
 * cursor, the progress override, the generated config, and every verdict: accepted, rejected at the
 * right line, an invariant violated, a malformed trace, a missing override.
 */
class ToyTraceValidationTest {

    static final String BUMP_A = "{\"action\":\"Bump\",\"node\":\"a\",\"state\":{\"term\":%d}}";
    static final String A_TO_B = "{\"action\":\"Receive\",\"node\":\"b\",\"msg\":{\"from\":\"a\",\"to\":\"b\",\"term\":%d},"
            + "\"state\":{\"term\":%d}}";

    @TempDir
    Path dir;

    private final TraceValidator validator = new TraceValidator(TestSpecs.toy(), TraceValidator.Options.DEFAULT);

    private Path trace(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, List.of(lines), StandardCharsets.UTF_8);
        return f;
    }

    private Validation check(Path trace) {
        Validation v = validator.validate(trace);
        ValidationReport.lines(v).forEach(System.out::println);
        return v;
    }

    @Test
    void aTraceOfTheSpecIsAccepted() throws IOException {
        Validation v = check(trace("good.ndjson", BUMP_A.formatted(1), A_TO_B.formatted(1, 1), BUMP_A.formatted(2),
                // the message fields come in another order: records compare by field name
                "{\"action\":\"Receive\",\"node\":\"b\",\"msg\":{\"term\":2,\"to\":\"b\",\"from\":\"a\"},\"state\":{\"term\":2}}"));
        assertEquals(Validation.Outcome.ACCEPTED, v.outcome());
        assertEquals(4, v.matched());
        assertEquals(5, v.distinctStates());
        assertEquals(2, v.actionCounts().get("Bump"));
    }

    @Test
    void anEmptyTraceIsAccepted() throws IOException {
        assertEquals(Validation.Outcome.ACCEPTED, check(trace("empty.ndjson")).outcome());
    }

    @Test
    void aDroppedLineIsRejectedAtTheFirstLineThatNeedsIt() throws IOException {
        // Bump(a) to 1 is missing: a's next bump logs term 2 but the spec reaches 1.
        Validation v = check(trace("dropped.ndjson", BUMP_A.formatted(2), A_TO_B.formatted(2, 2)));
        assertEquals(Validation.Outcome.REJECTED, v.outcome());
        Rejection r = v.rejection().orElseThrow();
        assertEquals(1, r.line().number());
        assertEquals(List.of("term"), r.differingFields());
        assertTrue(r.reason().startsWith("the spec can take Bump(a)"), r.reason());
    }

    @Test
    void aMessageThatWasNeverSentIsReportedSo() throws IOException {
        Validation v = check(trace("unsent.ndjson", BUMP_A.formatted(1), A_TO_B.formatted(5, 5)));
        Rejection r = v.rejection().orElseThrow();
        assertEquals(2, r.line().number());
        assertTrue(r.reason().contains("not in flight"), r.reason());
    }

    @Test
    void anActionTheSpecDoesNotHaveIsReportedSo() throws IOException {
        Validation v = check(trace("unknown.ndjson", BUMP_A.formatted(1), "{\"action\":\"Frobnicate\",\"node\":\"a\"}"));
        Rejection r = v.rejection().orElseThrow();
        assertEquals(2, r.line().number());
        assertEquals("the spec has no action named Frobnicate", r.reason());
    }

    @Test
    void anInvariantViolationIsReportedWithTheLineThatCausedIt() throws IOException {
        Validation v = check(trace("violation.ndjson", BUMP_A.formatted(1), BUMP_A.formatted(2), BUMP_A.formatted(3),
                BUMP_A.formatted(4)));
        assertEquals(Validation.Outcome.VIOLATION, v.outcome());
        ViolationReport x = v.violation().orElseThrow();
        assertEquals("invariant TermBelowLimit", x.check());
        assertEquals(3, x.line());
        assertTrue(x.raw().contains("\"term\":3"), x.raw());
    }

    @Test
    void aMalformedTraceIsAnErrorNamingLineAndField() throws IOException {
        Validation nul = check(trace("null.ndjson", BUMP_A.formatted(1), "{\"action\":\"Bump\",\"node\":null}"));
        assertEquals(Validation.Outcome.ERROR, nul.outcome());
        assertTrue(nul.error().startsWith("trace line 2, field node: null"), nul.error());
        Validation big = check(trace("big.ndjson", BUMP_A.formatted(1).replace("1}", "4294967296}")));
        assertEquals(Validation.Outcome.ERROR, big.outcome());
        assertTrue(big.error().contains("does not fit TLC's 32-bit integers"), big.error());
    }

    @Test
    void anEvaluationErrorIsAnErrorNamingTheLineTlcWasMatching() throws IOException {
        // A Receive without its message: TraceToy cannot even evaluate the line.
        Validation v = check(trace("no-msg.ndjson", BUMP_A.formatted(1), "{\"action\":\"Receive\",\"node\":\"b\"}"));
        assertEquals(Validation.Outcome.ERROR, v.outcome());
        assertTrue(v.error().contains("TLC stopped while matching line 2"), v.error());
    }

    @Test
    void withoutTheOverrideOnTheClassPathTlcStopsWithAClearMessage() throws IOException {
        Path work = Files.createDirectories(dir.resolve("no-override"));
        for (String f : List.of("Toy.tla", "TraceToy.tla")) {
            Files.copy(TestSpecs.toy().dir().resolve(f), work.resolve(f));
        }
        TlcTraceRun.copyLibraryModules(work);
        Path cfg = work.resolve("TraceToy.cfg");
        Files.writeString(cfg, TraceConfig.load(TestSpecs.toy().cfgTemplate())
                .render(List.of("a", "b"), trace("one.ndjson", BUMP_A.formatted(1)), 0));
        TlcResult r = new TlcRunner().run(TlcJob.of(work.resolve("TraceToy.tla"), cfg), TlcListener.NONE);
        assertEquals(TlcResult.Outcome.ERROR, r.outcome());
        assertTrue(r.error().contains("has no TLA+ definition: put Lockstep's trace-check classes"), r.error());
    }
}
