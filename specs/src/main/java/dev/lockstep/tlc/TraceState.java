package dev.lockstep.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state of a counterexample as TLC printed it.
 *
 * @param number 1-based position in the behaviour
 * @param action the spec action that led to this state ({@code "Initial predicate"} for state 1)
 * @param location where that action is defined, e.g. {@code "Raft.tla line 80"}; empty if unknown
 * @param variables every variable's value in TLC's printed syntax, in TLC's order
 */
public record TraceState(int number, String action, String location, Map<String, String> variables) {

    public static final String INITIAL = "Initial predicate";

    public TraceState {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
