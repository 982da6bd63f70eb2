package dev.lockstep.tlc;

import java.util.List;

/**
 * The behaviour TLC printed for a violation.
 *
 * @param states the states in order, state 1 first
 * @param loop how a liveness counterexample ends: {@code null} for a finite behaviour (safety),
 *     otherwise the text TLC printed for its final lasso step ("Stuttering" or
 *     "Back to state N ...")
 */
public record Counterexample(List<TraceState> states, String loop) {

    public Counterexample {
        states = List.copyOf(states);
    }

    public static Counterexample empty() {
        return new Counterexample(List.of(), null);
    }

    public boolean isEmpty() {
        return states.isEmpty();
    }
}
