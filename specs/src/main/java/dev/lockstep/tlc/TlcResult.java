package dev.lockstep.tlc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one TLC run.
 *
 * @param job what was run
 * @param outcome passed, violation found, could not run, or ran out of time
 * @param exitCode the forked TLC's exit status ({@code -1} if it was killed on timeout)
 * @param stats final counters (the last progress report if TLC printed none)
 * @param elapsed wall time of the fork
 * @param violation set iff {@code outcome == VIOLATION}
 * @param behavior the behaviour TLC printed: the counterexample of a violation, or the states
 *     leading to an evaluation error; empty otherwise
 * @param error set iff {@code outcome} is {@code ERROR} or {@code TIMEOUT}: what went wrong, with
 *     TLC's own message
 * @param messages every message TLC printed, in order (stderr lines come as untagged messages)
 */
public record TlcResult(
        TlcJob job,
        Outcome outcome,
        int exitCode,
        TlcStats stats,
        Duration elapsed,
        Violation violation,
        Counterexample behavior,
        String error,
        List<TlcMessage> messages) {

    public enum Outcome { PASSED, VIOLATION, ERROR, TIMEOUT }

    public TlcResult {
        messages = List.copyOf(messages);
    }

    public Optional<Violation> violationIfAny() {
        return Optional.ofNullable(violation);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
