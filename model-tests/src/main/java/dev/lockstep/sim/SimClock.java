package dev.lockstep.sim;

import java.util.List;

/**
 * One node's simulated monotonic clock, the reading its replica gets with every tick
 * ({@code Event.Tick}). It runs at its own rate ({@link Profiles.Clocks}: parts per million off
 * true simulated time), starts at its own offset, and jumps forward at the times its
 * {@link FaultEvent.ClockJump}s say (they are part of the clock, not events of the run: a run
 * with and without them steps every replica at the same moments). It belongs to the node's machine, not to the process:
 * it keeps running while the node is paused or crashed, so a node that resumes or restarts
 * reads a clock that moved on. Readings never go back.
 */
final class SimClock {
    private static final long NANOS_PER_MS = 1_000_000L;

    private final long offsetNanos;
    private final int ratePpm;
    private final List<FaultEvent.ClockJump> jumps;
    private long lastReading = Long.MIN_VALUE;

    /** @param jumps this node's jumps (any order) */
    SimClock(long offsetMs, int ratePpm, List<FaultEvent.ClockJump> jumps) {
        if (ratePpm <= -1_000_000) {
            throw new IllegalArgumentException("a clock must run forwards, got " + ratePpm + " ppm");
        }
        for (FaultEvent.ClockJump j : jumps) {
            if (j.forwardMs() < 0) {
                throw new IllegalArgumentException("clocks only jump forward, got " + j);
            }
        }
        this.offsetNanos = offsetMs * NANOS_PER_MS;
        this.ratePpm = ratePpm;
        this.jumps = List.copyOf(jumps);
    }

    /** The reading at true simulated time {@code nowMs}: offset, drifted time and the jumps so far. */
    long read(long nowMs) {
        long jumped = 0;
        for (FaultEvent.ClockJump j : jumps) {
            jumped += j.at() <= nowMs ? j.forwardMs() * NANOS_PER_MS : 0;
        }
        long reading = offsetNanos + nowMs * NANOS_PER_MS + nowMs * ratePpm + jumped;
        if (reading < lastReading) {
            throw new IllegalStateException("simulated clock went back from " + lastReading + " to " + reading);
        }
        lastReading = reading;
        return reading;
    }
}
