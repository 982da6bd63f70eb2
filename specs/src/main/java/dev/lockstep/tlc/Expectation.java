package dev.lockstep.tlc;

import java.util.Optional;

/**
 * Whether a run did what its config promises: a CI or deep config passes; a buggy config reports
 * a violation of exactly the invariant or property named in its {@code expect-violation} line.
 */
public final class Expectation {

    private Expectation() {}

    /** Empty if {@code result} is what {@code config} expects, else what went wrong. */
    public static Optional<String> problem(ModelConfig config, TlcResult result) {
        if (config.kind() == ModelConfig.Kind.BUGGY && config.expectedViolation().isEmpty()) {
            return Optional.of(config.name() + " is in buggy/ but its first line is not "
                    + "'\\* expect-violation: <InvariantName>'");
        }
        if (config.expectedViolation().isEmpty()) {
            return result.passed() ? Optional.empty()
                    : Optional.of(config.name() + ": " + describe(result));
        }
        String expected = config.expectedViolation().get();
        if (result.outcome() != TlcResult.Outcome.VIOLATION) {
            return Optional.of(config.name() + ": expected a violation of " + expected + " but "
                    + describe(result));
        }
        if (!expected.equals(result.violation().name())) {
            return Optional.of(config.name() + ": expected a violation of " + expected
                    + " but TLC reported " + result.violation().headline());
        }
        return Optional.empty();
    }

    /**
     * "no violation", "violated invariant X", "error: ...", "timed out: ..."; a simulation that
     * passed says how far it looked: "no violation in 2,000 behaviours of depth <= 20, seed 1
     * (simulation)".
     */
    public static String describe(TlcResult r) {
        return switch (r.outcome()) {
            case PASSED -> r.job().simulation()
                    .map(s -> "no violation in " + s.describe() + " (simulation)")
                    .orElse("no violation");
            case VIOLATION -> "violated " + r.violation().headline();
            case ERROR -> "error: " + r.error();
            case TIMEOUT -> "timed out: " + r.error();
        };
    }
}
