package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./lockstep check} prints after one config ran: the summary (distinct states,
 * depth, time, what was checked), or the violation with its counterexample, or TLC's error.
 */
final class ResultReport {

    private static final int WIDTH = 100;

    private ResultReport() {}

    static List<String> lines(ModelConfig config, TlcResult r) {
        List<String> out = new ArrayList<>();
        String stats = String.format("%,d distinct states (%,d generated), depth %d, %s",
                r.stats().distinct(), r.stats().generated(), r.stats().depth(),
                Durations.format(r.elapsed()));
        switch (r.outcome()) {
            case PASSED -> {
                out.add("  " + config.name() + ": no violation. " + stats);
                out.add("  checked " + checked(CfgFile.read(config.cfg())));
            }
            case VIOLATION -> violation(config, r, stats, out);
            case ERROR, TIMEOUT -> {
                out.add("  " + config.name() + ": " + r.outcome() + " after "
                        + Durations.format(r.elapsed()) + (r.stats().distinct() > 0 ? ", " + stats : ""));
                r.error().lines().forEach(l -> out.add("  | " + l));
                behavior(r.behavior(), "The behaviour up to the error", out);
            }
        }
        return out;
    }

    private static void violation(ModelConfig config, TlcResult r, String stats, List<String> out) {
        Violation v = r.violation();
        out.add("  " + config.name() + ": VIOLATION of " + v.headline() + ". " + stats);
        config.expectedViolation().ifPresent(
                e -> out.add("  (this config is expected to violate " + e + ")"));
        v.description().lines().forEach(l -> out.add("  | " + l));
        behavior(r.behavior(), "Counterexample", out);
    }

    private static void behavior(Counterexample behavior, String title, List<String> out) {
        if (behavior.isEmpty()) {
            return;
        }
        out.add("");
        out.add("  " + title + " (" + behavior.states().size()
                + " states; state 1 in full, then each action and only what it changed):");
        out.add("");
        for (String line : new CounterexampleFormatter(WIDTH).format(behavior)) {
            out.add(line.isEmpty() ? line : "  " + line);
        }
    }

    static String checked(CfgFile cfg) {
        String inv = cfg.invariants().isEmpty() ? "-" : String.join(", ", cfg.invariants());
        String prop = cfg.properties().isEmpty() ? "-" : String.join(", ", cfg.properties());
        return "invariants: " + inv + "; properties: " + prop;
    }
}
