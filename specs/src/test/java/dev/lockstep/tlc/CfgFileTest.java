package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CfgFileTest {

    @Test
    void readsInvariantsPropertiesAndTheExpectedViolation() {
        CfgFile cfg = CfgFile.parse("""
                \\* expect-violation: LogMatching
                CONSTANTS Server = {n1, n2}   \\* INVARIANT NotThis
                (* INVARIANT NorThis *)
                INVARIANT TypeOK
                INVARIANTS
                    ElectionSafety
                    LogMatching
                PROPERTIES Refinement Monotonic
                CHECK_DEADLOCK FALSE
                """);
        assertEquals(List.of("TypeOK", "ElectionSafety", "LogMatching"), cfg.invariants());
        assertEquals(List.of("Refinement", "Monotonic"), cfg.properties());
        assertEquals(Optional.of("LogMatching"), cfg.expectedViolation());
    }

    @Test
    void expectsNothingUnlessTheMarkerIsOnTheFirstLine() {
        assertEquals(Optional.empty(), CfgFile.parse("INIT Init\n\\* expect-violation: X\n").expectedViolation());
        assertEquals(Optional.empty(), CfgFile.parse("\\* a comment\nINIT Init\n").expectedViolation());
    }
}
