package dev.lockstep.tlc;

/**
 * Counters of a TLC run. Model checking: TLC's "N states generated, M distinct states found,
 * Q states left on queue" and "The depth of the complete state graph search is D". Simulation:
 * only the states generated (every successor TLC computed, repeats included) and the behaviours
 * generated; distinct, queue and depth stay 0.
 *
 * @param generated states generated
 * @param distinct distinct states found (model checking only)
 * @param queue states left on the queue (model checking only)
 * @param depth the search depth reached (model checking only)
 * @param traces behaviours generated so far (simulation only; 0 if unknown)
 */
public record TlcStats(long generated, long distinct, long queue, long depth, long traces) {

    public static final TlcStats NONE = new TlcStats(0, 0, 0, 0, 0);

    /** Model-checking counters. */
    public TlcStats(long generated, long distinct, long queue, long depth) {
        this(generated, distinct, queue, depth, 0);
    }

    /** Simulation counters. */
    public static TlcStats simulation(long generated, long traces) {
        return new TlcStats(generated, 0, 0, 0, traces);
    }

    public TlcStats withDepth(long newDepth) {
        return new TlcStats(generated, distinct, queue, newDepth, traces);
    }
}
