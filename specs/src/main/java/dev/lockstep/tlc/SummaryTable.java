package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table printed after all configs ran: one row per config. A simulation has no distinct-state
 * count: its row says "simulation" there, and its depth is the bound it ran with.
 */
final class SummaryTable {

    private SummaryTable() {}

    static List<String> render(List<TlcResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"config", "result", "distinct states", "depth", "time"});
        for (TlcResult r : results) {
            Optional<SimulationMode> sim = r.job().simulation();
            rows.add(new String[] {r.job().name(), result(r),
                sim.isPresent() ? "simulation" : String.format("%,d", r.stats().distinct()),
                sim.map(s -> "<= " + s.depth()).orElse(Long.toString(r.stats().depth())),
                Durations.format(r.elapsed())});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] row : rows) {
            out.add(String.format("  %-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2]
                    + "s  %" + widths[3] + "s  %" + widths[4] + "s", (Object[]) row).stripTrailing());
        }
        return out;
    }

    static String result(TlcResult r) {
        return switch (r.outcome()) {
            case PASSED -> "no violation";
            case VIOLATION -> "VIOLATED " + r.violation().headline();
            case ERROR -> "ERROR";
            case TIMEOUT -> "TIMEOUT";
        };
    }
}
