package dev.lockstep.trace;

import java.util.Map;

/**
 * An invariant or property of the spec that failed in a state the trace leads to.
 *
 * @param check what TLC reports, e.g. "invariant ElectionSafety"
 * @param line the trace line whose step produced the violating state (0: the initial state)
 * @param raw that line's JSON ("" for the initial state)
 * @param description TLC's own sentence
 * @param finalState the violating state, variable by variable, as TLC printed it
 */
public record ViolationReport(String check, int line, String raw, String description,
        Map<String, String> finalState) {}
