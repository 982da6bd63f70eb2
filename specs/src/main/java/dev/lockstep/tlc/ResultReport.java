package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./lockstep check} prints after one config ran: the summary (distinct states,
 * depth, time, what was checked; for a simulation the behaviours, their depth, the seed and the
 * states generated), or the violation with its counterexample, or TLC's error.
 */
final class ResultReport {

    private static final int WIDTH = 100;

    private ResultReport() {}

    static List<String> lines(ModelConfig config, TlcResult r) {
        List<String> out = new ArrayList<>();
        String stats = counters(r);
        switch (r.outcome()) {
            case PASSED -> {
                out.add("  " + config.name() + ": no violation. " + stats);
                out.add("  checked " + checked(CfgFile.read(config.cfg())));
                r.job().simulation().ifPresent(s -> out.add("  random behaviours only, not every "
                        + "reachable state: --seed " + s.seed() + " reproduces this run; another "
                        + "--seed or a larger --num/--depth explores more"));
            }
            case VIOLATION -> violation(config, r, stats, out);
            case ERROR, TIMEOUT -> {
                boolean counted = r.stats().distinct() > 0
                        || (r.job().simulation().isPresent() && r.stats().generated() > 0);
                out.add("  " + config.name() + ": " + r.outcome() + " after "
                        + Durations.format(r.elapsed()) + (counted ? ", " + stats : ""));
                r.error().lines().forEach(l -> out.add("  | " + l));
                behavior(r.behavior(), "The behaviour up to the error", out);
            }
        }
        return out;
    }

    /**
     * Model checking: "76 distinct states (143 generated), depth 9, 2.1s". Simulation:
     * "simulation: 2,000 behaviours of depth <= 20, seed 1, 25,161 states generated, 1.1s", or
     * "simulation: found within the first 8 of 1,000 behaviours ..." after a violation.
     */
    static String counters(TlcResult r) {
        TlcStats s = r.stats();
        String time = Durations.format(r.elapsed());
        return r.job().simulation()
                .map(mode -> String.format("simulation: %s, %,d states generated, %s",
                        behaviours(mode, r), s.generated(), time))
                .orElseGet(() -> String.format("%,d distinct states (%,d generated), depth %d, %s",
                        s.distinct(), s.generated(), s.depth(), time));
    }

    /**
     * How many behaviours a simulation generated. A passing one generated all of them (TLC stops
     * only then); otherwise the fork's count when TLC exited, if it could read one. After a
     * violation TLC generates a few more behaviours before it stops, so that count (unlike the
     * counterexample) varies from run to run: the violating behaviour is "within the first" so many.
     */
    private static String behaviours(SimulationMode mode, TlcResult r) {
        long traces = r.stats().traces();
        if (r.passed()) {
            return mode.withNum(traces > 0 ? traces : mode.num()).describe();
        }
        if (traces <= 0) {
            return "up to " + mode.describe();
        }
        return String.format(r.outcome() == TlcResult.Outcome.VIOLATION
                ? "found within the first %,d of %s" : "stopped after %,d of %s", traces, mode.describe());
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
