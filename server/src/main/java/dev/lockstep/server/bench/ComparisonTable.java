package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The side-by-side table of a benchmark: for each test and pipeline depth, Lockstep (through the
 * leader, and once through a follower; or through all replicas at once) next to Redis: ops/s,
 * p50 and p99 latency, CPU per request, and the Lockstep/Redis ratios. Repeated runs are
 * reduced to their median, metric by metric. With several protocols, each has its own rows
 * (a first column names it), all compared with the same Redis runs.
 */
public final class ComparisonTable {

    /** The median of a group of repeated runs. */
    public record Summary(int runs, double rps, double p50Ms, double p99Ms, double cpuMicrosPerOp, double fsyncsPerOp,
            BytesPerOp bytes, String notes) {}

    /** One line: Lockstep running {@code protocol} through {@code target} against Redis at the same test and depth. */
    public record Row(String protocol, String test, int pipeline, Sample.Target target, Summary lockstep,
            Summary redis) {
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

    /**
     * Pairs every Lockstep group with the Redis group of the same test and pipeline depth (Redis
     * samples have the empty protocol).
     */
    public static ComparisonTable of(List<Sample> samples) {
        Map<List<Object>, List<Sample>> groups = groups(samples);
        List<Row> rows = new ArrayList<>();
        for (List<Sample> g : groups.values()) {
            Sample first = g.get(0);
            if (first.target() == Sample.Target.REDIS) {
                continue;
            }
            List<Sample> redis = groups.get(key("", Sample.Target.REDIS, first.test(), first.pipeline()));
            if (redis != null) {
                rows.add(new Row(first.protocol(), first.test(), first.pipeline(), first.target(), summarize(g),
                        summarize(redis)));
            }
        }
        return new ComparisonTable(rows);
    }

    /** Repeated runs of the same protocol, target, test and depth, in the order their first run came. */
    static Map<List<Object>, List<Sample>> groups(List<Sample> samples) {
        Map<List<Object>, List<Sample>> groups = new LinkedHashMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(key(s.protocol(), s.target(), s.test(), s.pipeline()), k -> new ArrayList<>())
                    .add(s);
        }
        return groups;
    }

    private static List<Object> key(String protocol, Sample.Target target, String test, int pipeline) {
        return List.of(protocol, target, test, pipeline);
    }

    public List<Row> rows() {
        return rows;
    }

    static Summary summarize(List<Sample> runs) {
        String notes = runs.stream().map(Sample::note).filter(n -> !n.isEmpty()).distinct()
                .reduce((a, b) -> a + "; " + b).orElse("");
        return new Summary(runs.size(), median(runs, s -> s.measurement().rps()),
                median(runs, s -> s.measurement().p50Ms()), median(runs, s -> s.measurement().p99Ms()),
                median(runs, Sample::cpuMicrosPerOp), median(runs, Sample::fsyncsPerOp), medianBytes(runs), notes);
    }

    /** Each of the byte figures' median on its own. */
    private static BytesPerOp medianBytes(List<Sample> runs) {
        return new BytesPerOp(medianPerReplica(runs, s -> s.bytes().disk()),
                medianPerReplica(runs, s -> s.bytes().net()));
    }

    private static BytesPerOp.PerReplica medianPerReplica(List<Sample> runs,
            Function<Sample, BytesPerOp.PerReplica> counter) {
        return new BytesPerOp.PerReplica(median(runs, s -> counter.apply(s).mean()),
                median(runs, s -> counter.apply(s).leader()), median(runs, s -> counter.apply(s).others()));
    }

    /** The median (mean of the middle two for an even count); NaN values sort last. */
    static double median(List<Sample> runs, ToDoubleFunction<Sample> metric) {
        double[] v = runs.stream().mapToDouble(metric).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static final List<String> HEADERS = List.of("test", "-P", "Lockstep via", "Lockstep ops/s", "p50 ms",
            "p99 ms", "CPU us/op", "fsyncs/op", "Redis ops/s", "p50 ms", "p99 ms", "CPU us/op", "ops/s L/R", "p50 L/R");

    /** True when the rows come from more than one protocol: then a first column names it. */
    private boolean severalProtocols() {
        return rows.stream().map(Row::protocol).distinct().count() > 1;
    }

    private List<String> headers() {
        if (!severalProtocols()) {
            return HEADERS;
        }
        List<String> h = new ArrayList<>(List.of("protocol"));
        h.addAll(HEADERS);
        return h;
    }

    private List<String[]> cells() {
        boolean named = severalProtocols();
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> c = new ArrayList<>();
            if (named) {
                c.add(r.protocol());
            }
            c.addAll(List.of(r.test(), Integer.toString(r.pipeline()), r.target().label(),
                rate(r.lockstep().rps()), ms(r.lockstep().p50Ms()), ms(r.lockstep().p99Ms()),
                cpu(r.lockstep().cpuMicrosPerOp()), perOp(r.lockstep().fsyncsPerOp()), rate(r.redis().rps()),
                ms(r.redis().p50Ms()), ms(r.redis().p99Ms()), cpu(r.redis().cpuMicrosPerOp()), ratio(r.rpsRatio()),
                ratio(r.p50Ratio())));
            out.add(c.toArray(String[]::new));
        }
        return out;
    }

    private int labelColumns() {
        return severalProtocols() ? 4 : 3;
    }

    /** Fixed-width text for a terminal. */
    public String text() {
        StringBuilder sb = new StringBuilder(TextTable.text(headers(), cells(), labelColumns()));
        appendNotes(sb);
        return sb.toString();
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder(TextTable.markdown(headers(), cells(), labelColumns()));
        appendNotes(sb);
        return sb.toString();
    }

    /** What an "all replicas" row means; printed under a table that has one. */
    static final String SPREAD_LEGEND = "all replicas: one redis-benchmark per replica at the same time, -c and -n "
            + "split evenly; ops/s = all requests / the slowest process's time; p50 and p99 = the worst of the "
            + "processes' p50 and p99; CPU us/op and fsyncs/op over all replicas and all requests. Redis: one "
            + "process with all clients";

    private void appendNotes(StringBuilder sb) {
        boolean named = severalProtocols();
        List<String> lines = new ArrayList<>();
        for (Row r : rows) {
            for (Summary s : List.of(r.lockstep(), r.redis())) {
                if (!s.notes().isEmpty()) {
                    lines.add("note (" + (named ? r.protocol() + " " : "") + r.test() + " -P " + r.pipeline() + " "
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
