package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The side-by-side table of a benchmark: for each test and pipeline depth, Lockstep (through the
 * leader, and once through a follower; or through all replicas at once) next to Redis: ops/s,
 * p50 and p99 latency, CPU per request, and the Lockstep/Redis ratios. Repeated runs are
 * reduced to their median, metric by metric.
 */
public final class ComparisonTable {

    /** The median of a group of repeated runs. */
    public record Summary(int runs, double rps, double p50Ms, double p99Ms, double cpuMicrosPerOp, double fsyncsPerOp,
            String notes) {}

    /** One line: Lockstep through {@code target} against Redis at the same test and depth. */
    public record Row(String test, int pipeline, Sample.Target target, Summary lockstep, Summary redis) {
        public double rpsRatio() {
            return lockstep.rps() / redis.rps();
        }

        public double p50Ratio() {
            return lockstep.p50Ms() / redis.p50Ms();
        }
    }

    private final List<Row> rows;

    private ComparisonTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Pairs every Lockstep group with the Redis group of the same test and pipeline depth. */
    public static ComparisonTable of(List<Sample> samples) {
        Map<List<Object>, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(List.of(s.target(), s.test(), s.pipeline()), k -> new ArrayList<>()).add(s);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Sample>> g : groups.entrySet()) {
            Sample first = g.getValue().get(0);
            if (first.target() == Sample.Target.REDIS) {
                continue;
            }
            List<Sample> redis = groups.get(List.of(Sample.Target.REDIS, first.test(), first.pipeline()));
            if (redis != null) {
                rows.add(new Row(first.test(), first.pipeline(), first.target(), summarize(g.getValue()),
                        summarize(redis)));
            }
        }
        return new ComparisonTable(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    static Summary summarize(List<Sample> runs) {
        String notes = runs.stream().map(Sample::note).filter(n -> !n.isEmpty()).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new Summary(runs.size(), median(runs, s -> s.measurement().rps()),
                median(runs, s -> s.measurement().p50Ms()), median(runs, s -> s.measurement().p99Ms()),
                median(runs, Sample::cpuMicrosPerOp), median(runs, Sample::fsyncsPerOp), notes);
    }

    /** The median (mean of the middle two for an even count); NaN values sort last. */
    static double median(List<Sample> runs, java.util.function.ToDoubleFunction<Sample> metric) {
        double[] v = runs.stream().mapToDouble(metric).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static final String[] HEADERS = {"test", "-P", "Lockstep via", "Lockstep ops/s", "p50 ms", "p99 ms",
        "CPU us/op", "fsyncs/op", "Redis ops/s", "p50 ms", "p99 ms", "CPU us/op", "ops/s L/R", "p50 L/R"};

    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new String[] {r.test(), Integer.toString(r.pipeline()), r.target().label(),
                rate(r.lockstep().rps()), ms(r.lockstep().p50Ms()), ms(r.lockstep().p99Ms()),
                cpu(r.lockstep().cpuMicrosPerOp()), perOp(r.lockstep().fsyncsPerOp()), rate(r.redis().rps()), ms(r.redis().p50Ms()),
                ms(r.redis().p99Ms()), cpu(r.redis().cpuMicrosPerOp()), ratio(r.rpsRatio()), ratio(r.p50Ratio())});
        }
        return out;
    }

    /** Fixed-width text for a terminal. */
    public String text() {
        List<String[]> body = cells();
        int[] width = new int[HEADERS.length];
        for (int c = 0; c < HEADERS.length; c++) {
            width[c] = HEADERS[c].length();
            for (String[] row : body) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, HEADERS, width);
        for (String[] row : body) {
            appendLine(sb, row, width);
        }
        appendNotes(sb);
        return sb.toString();
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
        for (int c = 0; c < HEADERS.length; c++) {
            sb.append(c < 3 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] row : cells()) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        appendNotes(sb);
        return sb.toString();
    }

    /** What an "all replicas" row means; printed under a table that has one. */
    static final String SPREAD_LEGEND = "all replicas: one redis-benchmark per replica at the same time, -c and -n "
            + "split evenly; ops/s = all requests / the slowest process's time; p50 and p99 = the worst of the "
            + "processes' p50 and p99; CPU us/op and fsyncs/op over all replicas and all requests. Redis: one "
            + "process with all clients";

    private void appendNotes(StringBuilder sb) {
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            for (Summary s : List.of(r.lockstep(), r.redis())) {
                if (!s.notes().isEmpty()) {
                    lines.add("note (" + r.test() + " -P " + r.pipeline() + " "
                            + (s == r.redis() ? "Redis" : r.target().label()) + "): " + s.notes());
                }
            }
        }
        if (rows.stream().anyMatch(r -> r.target() == Sample.Target.SPREAD)) {
            lines.add(SPREAD_LEGEND);
        }
        if (!lines.isEmpty()) {
            sb.append('\n').append(String.join("\n", lines)).append('\n');
        }
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            String cell = Objects.requireNonNullElse(cells[c], "");
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c < 3 ? cell + pad : pad + cell).append(c + 1 < cells.length ? "  " : "\n");
        }
    }

    static String rate(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String cpu(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String perOp(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
