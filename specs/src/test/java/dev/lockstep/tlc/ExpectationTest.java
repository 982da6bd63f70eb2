package dev.lockstep.tlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check behind the model-checking tests must fail when a config does not behave. */
class ExpectationTest {

    private static final TlcResult PASSED = ResultAssemblerTest.assemble(ResultAssemblerTest.NO_CFG, 0);
    private static final TlcResult VIOLATES_SAFE = ResultAssemblerTest.assemble(ResultAssemblerTest.NO_CFG, 12,
            new TlcMessage(2110, 1, "Invariant Safe is violated."));
    private static final TlcResult BROKEN = ResultAssemblerTest.assemble(ResultAssemblerTest.NO_CFG, 150,
            new TlcMessage(3002, 1, "Parsing or semantic analysis failed."));

    private static ModelConfig config(ModelConfig.Kind kind, String expected) {
        return new ModelConfig(kind, Path.of("MCToyX.cfg"), Path.of("MCToy.tla"), List.of(),
                Optional.ofNullable(expected), Optional.empty());
    }

    @Test
    void ciConfigMustPass() {
        assertEquals(Optional.empty(), Expectation.problem(config(ModelConfig.Kind.CI, null), PASSED));
        assertEquals(Optional.of("MCToyX.cfg: violated invariant Safe"),
                Expectation.problem(config(ModelConfig.Kind.CI, null), VIOLATES_SAFE));
        assertTrue(Expectation.problem(config(ModelConfig.Kind.CI, null), BROKEN).orElseThrow()
                .contains("could not parse"));
    }

    @Test
    void buggyConfigMustViolateExactlyItsNamedInvariant() {
        assertEquals(Optional.empty(), Expectation.problem(config(ModelConfig.Kind.BUGGY, "Safe"), VIOLATES_SAFE));
        assertEquals(Optional.of("MCToyX.cfg: expected a violation of Safe but no violation"),
                Expectation.problem(config(ModelConfig.Kind.BUGGY, "Safe"), PASSED));
        assertEquals(Optional.of("MCToyX.cfg: expected a violation of Other but TLC reported invariant Safe"),
                Expectation.problem(config(ModelConfig.Kind.BUGGY, "Other"), VIOLATES_SAFE));
        assertTrue(Expectation.problem(config(ModelConfig.Kind.BUGGY, "Safe"), BROKEN).isPresent());
    }

    @Test
    void buggyConfigWithoutMarkerIsRejected() {
        assertTrue(Expectation.problem(config(ModelConfig.Kind.BUGGY, null), VIOLATES_SAFE).orElseThrow()
                .contains("expect-violation"));
    }
}
