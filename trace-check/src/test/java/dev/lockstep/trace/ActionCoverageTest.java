package dev.lockstep.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionCoverageTest {

    private static Validation v(Validation.Outcome outcome, Map<String, Integer> counts) {
        return new Validation(Path.of("t"), outcome, 0, 0, 0, Duration.ZERO, Optional.empty(), Optional.empty(), null,
                counts);
    }

    @Test
    void countsAcceptedTracesAndNamesTheActionsThatNeverOccurred() {
        ActionCoverage c = new ActionCoverage(List.of("A", "B", "C"));
        c.add(v(Validation.Outcome.ACCEPTED, Map.of("A", 2)));
        c.add(v(Validation.Outcome.ACCEPTED, Map.of("A", 1, "C", 4)));
        c.add(v(Validation.Outcome.REJECTED, Map.of("B", 9)));
        assertEquals(3, c.count("A"));
        assertEquals(0, c.count("B"));
        assertEquals(List.of("B"), c.neverOccurred());
        List<String> report = c.report();
        assertTrue(report.get(0).contains("2 accepted traces (7 lines)"), report.get(0));
        assertTrue(report.stream().anyMatch(l -> l.contains("B") && l.contains("never occurred")), report.toString());
    }

    @Test
    void fullCoverageSaysSo() {
        ActionCoverage c = new ActionCoverage(List.of("A"));
        c.add(v(Validation.Outcome.ACCEPTED, Map.of("A", 1)));
        assertTrue(c.neverOccurred().isEmpty());
        assertEquals("  every action of the spec occurred", c.report().get(c.report().size() - 1));
    }
}
