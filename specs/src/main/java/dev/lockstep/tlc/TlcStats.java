package dev.lockstep.tlc;

/**
 * State-space counters of a TLC run (TLC's "N states generated, M distinct states found,
 * Q states left on queue" and "The depth of the complete state graph search is D").
 */
public record TlcStats(long generated, long distinct, long queue, long depth) {

    public static final TlcStats NONE = new TlcStats(0, 0, 0, 0);

    public TlcStats withDepth(long newDepth) {
        return new TlcStats(generated, distinct, queue, newDepth);
    }
}
