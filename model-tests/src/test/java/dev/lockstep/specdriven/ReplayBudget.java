package dev.lockstep.specdriven;

/**
 * How many behaviours a spec-driven test replays: {@value #CI_BEHAVIOURS} per protocol in CI
 * (about 10 s each), {@value #DEEP_BEHAVIOURS} with {@code -Pdeep}, any number with
 * {@code -Dlockstep.specreplay.behaviours=N}; from TLC seed {@code -Dlockstep.specreplay.seed}
 * (default 1).
 */
final class ReplayBudget {
    static final int CI_BEHAVIOURS = 150;
    static final int DEEP_BEHAVIOURS = 2000;
    static final int DEPTH = 100;

    private ReplayBudget() {}

    static int behaviours() {
        boolean deep = Boolean.getBoolean("lockstep.deep");
        return Integer.getInteger("lockstep.specreplay.behaviours", deep ? DEEP_BEHAVIOURS : CI_BEHAVIOURS);
    }

    static long seed() {
        return Long.getLong("lockstep.specreplay.seed", 1L);
    }
}
