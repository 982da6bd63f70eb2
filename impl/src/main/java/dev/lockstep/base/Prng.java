package dev.lockstep.base;

/**
 * The only source of randomness a core may use: a seeded SplitMix64 generator. Same seed, same
 * sequence, on every JVM. (java.util.Random is deliberately not used: a core must not depend on
 * JDK implementation details or global state.)
 */
public final class Prng {
    private long state;

    public Prng(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}; {@code bound > 0}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** Uniform in {@code [min, max]}. */
    public int nextIntInclusive(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return (nextLong() >>> 11) * 0x1.0p-53 < p;
    }

    /** A child generator whose sequence is independent of this one's further use. */
    public Prng fork() {
        return new Prng(nextLong());
    }
}
