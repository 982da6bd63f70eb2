package dev.lockstep.sim;

/**
 * Why a run failed, where, and the one command that replays it.
 *
 * @param atMs simulated time of detection
 * @param event number of the simulated event at detection
 */
public record Failure(FailureKind kind, long seed, String detail, long atMs, long event, String replay) {
    public String describe() {
        return kind + " failure (seed " + seed + ", at " + atMs + "ms, event " + event + "):\n  "
                + detail.replace("\n", "\n  ") + "\nreplay: " + replay;
    }
}
