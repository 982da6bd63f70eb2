package dev.lockstep.trace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict on one trace.
 *
 * @param trace the trace file
 * @param outcome see {@link Outcome}
 * @param lines lines in the trace
 * @param matched lines matched in order from the first (all of them iff ACCEPTED)
 * @param distinctStates distinct states TLC found
 * @param elapsed wall time, TLC's JVM start-up included
 * @param rejection set iff REJECTED
 * @param violation set iff VIOLATION
 * @param error set iff ERROR: what went wrong
 * @param actionCounts how often each action occurs in the matched lines
 */
public record Validation(
        Path trace,
        Outcome outcome,
        int lines,
        int matched,
        long distinctStates,
        Duration elapsed,
        Optional<Rejection> rejection,
        Optional<ViolationReport> violation,
        String error,
        Map<String, Integer> actionCounts) {

    public enum Outcome {
        /** Every line matched, and no invariant or property failed on the way. */
        ACCEPTED,
        /** Some line could not be matched by the spec. */
        REJECTED,
        /** The lines matched up to a state that violates an invariant or property of the spec. */
        VIOLATION,
        /** The trace could not be checked: unreadable trace, missing spec, TLC failed or timed out. */
        ERROR
    }

    public Validation {
        actionCounts = Map.copyOf(actionCounts);
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }

    static Validation error(Path trace, String why, Duration elapsed) {
        return new Validation(trace, Outcome.ERROR, 0, 0, 0, elapsed, Optional.empty(), Optional.empty(), why,
                Map.of());
    }
}
