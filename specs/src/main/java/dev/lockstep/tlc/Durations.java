package dev.lockstep.tlc;

import java.time.Duration;

/** Formats durations for people: {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h07m}. */
public final class Durations {

    private Durations() {}

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
