package dev.lockstep.sim;

/** What a failed run broke. */
public enum FailureKind {
    /** A protocol invariant, applied-log agreement, or the effect contract was violated. */
    SAFETY,
    /** After all faults healed, no leader emerged or client requests stopped completing in time. */
    LIVENESS,
    /** The client history has no linearization. */
    LINEARIZABILITY,
    /** Trace lines disagree with the effects they describe (sent/received messages). */
    TRACE,
    /** A write was acknowledged while on fewer disks than the protocol promises. */
    DURABILITY,
    /** In the calm phase, a healthy leader was deposed ({@link StabilityProbe}). */
    STABILITY
}
