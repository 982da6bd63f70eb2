package dev.lockstep.sim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of fault a run may inject; {@code --faults} restricts a run to some of them. */
public enum FaultKind {
    /** Messages silently lost by the network. */
    LOSS,
    /** Messages delivered twice. */
    DUP,
    /** Links cut between two groups of nodes, both ways or one way, then healed. */
    PARTITION,
    /** A node stops, loses its volatile state and unsynced writes, and restarts from its disk. */
    CRASH,
    /** A node freezes (a GC pause, SIGSTOP) and resumes with its state intact. */
    PAUSE,
    /** Links are not FIFO and some messages are delayed far beyond the usual range. */
    REORDER,
    /**
     * Node clocks drift apart (each runs up to {@link Profiles.Clocks#MAX_DRIFT_PPM} ppm fast or
     * slow) and jump forward ({@link FaultEvent.ClockJump}). Only protocols that read time can
     * notice; for the others a run is the same with or without it.
     */
    CLOCK;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code all}, {@code none} or a comma list such as {@code loss,dup,crash}. */
    public static Set<FaultKind> parseList(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return EnumSet.allOf(FaultKind.class);
        }
        if (t.equals("none") || t.isEmpty()) {
            return EnumSet.noneOf(FaultKind.class);
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String part : t.split(",")) {
            String name = part.trim();
            FaultKind kind = Arrays.stream(values()).filter(k -> k.cliName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown fault kind '" + name
                            + "'; known: all, none, " + formatList(EnumSet.allOf(FaultKind.class))));
            kinds.add(kind);
        }
        return kinds;
    }

    /** The inverse of {@link #parseList}. */
    public static String formatList(Set<FaultKind> kinds) {
        if (kinds.isEmpty()) {
            return "none";
        }
        if (kinds.size() == values().length) {
            return "all";
        }
        return kinds.stream().sorted().map(FaultKind::cliName).collect(Collectors.joining(","));
    }
}
