package dev.lockstep.specdriven;

/**
 * How many behaviours a spec-driven test replays: {@value #CI_BEHAVIOURS} per protocol in CI
 * (about 10 s each), more with {@code -Dlockstep.specreplay.behaviours=N} (the deep profile sets
 * it), from TLC seed {@code -Dlockstep.specreplay.seed} (default 1).
 */
final class ReplayBudget {
    static final int CI_BEHAVIOURS = 150;
    static final int DEPTH = 60;

    private ReplayBudget() {}

    static int behaviours() {
        return Integer.getInteger("lockstep.specreplay.behaviours", CI_BEHAVIOURS);
    }

    static long seed() {
        return Long.getLong("lockstep.specreplay.seed", 1L);
    }
}
