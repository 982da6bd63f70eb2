package dev.lockstep.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which of a spec's actions the validated traces exercised: counts per action over the accepted
 * traces, and the spec actions that never occurred. The spec's action list comes from the spec
 * ({@link SpecActions}), never from a hand-written list.
 */
public final class ActionCoverage {

    private final List<String> specActions;
    private final Map<String, Long> counts = new TreeMap<>();
    private int traces;
    private long lines;

    public ActionCoverage(List<String> specActions) {
        this.specActions = List.copyOf(specActions);
    }

    /** Adds an accepted trace's counts; other outcomes are not counted (their lines were not all matched). */
    public void add(Validation v) {
        if (!v.accepted()) {
            return;
        }
        traces++;
        v.actionCounts().forEach((action, n) -> {
            counts.merge(action, (long) n, Long::sum);
            lines += n;
        });
    }

    public long count(String action) {
        return counts.getOrDefault(action, 0L);
    }

    /** The spec's actions that no accepted trace contains, in spec order. */
    public List<String> neverOccurred() {
        return specActions.stream().filter(a -> count(a) == 0).toList();
    }

    /** Logged actions the spec does not have (a validated trace cannot contain any; kept for reports). */
    public List<String> unknownActions() {
        return counts.keySet().stream().filter(a -> !specActions.contains(a)).toList();
    }

    /** Spec action -> count, in spec order. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        specActions.forEach(a -> out.put(a, count(a)));
        return out;
    }

    /** A table: one line per spec action with its count, then the ones that never occurred. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        out.add("Action coverage over " + traces + " accepted trace" + (traces == 1 ? "" : "s") + " (" + lines
                + " lines):");
        int width = specActions.stream().mapToInt(String::length).max().orElse(10);
        for (String a : specActions) {
            long n = count(a);
            out.add(String.format("  %-" + width + "s %9d%s", a, n, n == 0 ? "   <- never occurred" : ""));
        }
        List<String> never = neverOccurred();
        out.add(never.isEmpty() ? "  every action of the spec occurred"
                : "  never occurred: " + String.join(", ", never));
        return out;
    }
}
