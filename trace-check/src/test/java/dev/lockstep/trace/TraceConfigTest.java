package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceConfigTest {

    static final String TEMPLATE = """
            \\* trace-nodes: Replica
            INIT TraceInit
            NEXT TraceNext
            INVARIANTS
                TypeOK
                Safe \\* a comment
            PROPERTIES
                Mono
            """;

    @Test
    void appendsTheTraceConstantsAsLiterals() {
        String cfg = TraceConfig.of(TEMPLATE).render(List.of("n1", "n2"), Path.of("/t/a \"b\".ndjson"), 7);
        assertTrue(cfg.startsWith(TEMPLATE.stripTrailing()), cfg);
        assertTrue(cfg.contains("    Replica = {\"n1\", \"n2\"}\n"), cfg);
        assertTrue(cfg.contains("    TraceFile = \"/t/a \\\"b\\\".ndjson\"\n"), cfg);
        assertTrue(cfg.contains("    RelaxLine = 7\n"), cfg);
    }

    @Test
    void theNodeConstantDefaultsToServer() {
        assertEquals("Server", TraceConfig.of("INIT I\nNEXT N\n").nodesConstant());
    }

    @Test
    void listsAndSkipsChecks() {
        TraceConfig c = TraceConfig.of(TEMPLATE);
        assertEquals(List.of("TypeOK", "Safe", "Mono"), c.checks());
        TraceConfig noMono = c.without(Set.of("Mono"));
        assertEquals(List.of("TypeOK", "Safe"), noMono.checks());
        assertFalse(noMono.template().contains("PROPERTIES"), noMono.template());
        assertEquals(List.of(), c.without(Set.of("TypeOK", "Safe", "Mono")).checks());
        assertTrue(c.without(Set.of("TypeOK", "Safe", "Mono")).template().contains("NEXT TraceNext"));
        assertThrows(IllegalArgumentException.class, () -> c.without(Set.of("Nope")));
    }

    @Test
    void raftsTemplateChecksEveryRaftInvariantSomehow() throws java.io.IOException {
        List<String> checks = TraceConfig.load(TestSpecs.raft().cfgTemplate()).checks();
        for (String inv : List.of("OnChangeBase", "TypeOKOnChange", "ElectionSafety", "LeaderCompleteness", "NoopStartsEveryTermOnChange",
                "ReadLinearizable", "LeaderAppendOnly", "CommittedIndexMonotonic", "LogMatchingOnChange",
                "StateMachineSafetyOnChange", "SessionExactlyOnceOnChange")) {
            assertTrue(checks.contains(inv), inv + " missing from " + checks);
        }
    }
}
