package dev.lockstep.lin;

/** The answer of the linearizability checker. */
public enum Verdict {
    LINEARIZABLE,
    /** A partition has no linearization: a real consistency bug. */
    NOT_LINEARIZABLE,
    /** The search ran out of its step budget before deciding: neither a pass nor a violation. */
    UNKNOWN
}
