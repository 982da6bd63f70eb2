package dev.lockstep.tlc;

/**
 * What TLC found wrong, with the behaviour that shows it.
 *
 * @param kind which kind of check failed
 * @param name the invariant or property name when TLC names it (or the cfg lists exactly one
 *     temporal property); {@code null} otherwise
 * @param description TLC's own sentence, e.g. "Invariant Safe is violated."; for an assertion
 *     or assumption, TLC's message with the failing expression or its second argument
 */
public record Violation(Kind kind, String name, String description) {

    public enum Kind {
        INVARIANT("invariant"),
        ACTION_PROPERTY("action property"),
        TEMPORAL_PROPERTY("temporal property"),
        DEADLOCK("deadlock"),
        ASSERTION("assertion"),
        ASSUMPTION("assumption");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "invariant Safe", "deadlock", "temporal property Live", ... */
    public String headline() {
        return name == null ? kind.label() : kind.label() + " " + name;
    }
}
