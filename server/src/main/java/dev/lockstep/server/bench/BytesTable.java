package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Lockstep runs cost in bytes, protocol by protocol: for each protocol, target, test and
 * pipeline depth, ops/s and p50 next to the bytes each replica wrote to its write-ahead log and
 * sent to its peers per request ({@link BytesPerOp}; medians of repeated runs), and with several
 * protocols the ratio to the first protocol's row at the same target, test and depth (e.g. an
 * erasure-coded protocol against Raft).
 */
public final class BytesTable {

    /** One protocol's runs at one target, test and depth. */
    public record Row(String protocol, String test, int pipeline, Sample.Target target,
            ComparisonTable.Summary summary) {}

    private final List<Row> rows;

    private BytesTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** One row per group of Lockstep samples, in the order the groups' first runs came; Redis samples are left out. */
    public static BytesTable of(List<Sample> samples) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Sample>> g : ComparisonTable.groups(samples).entrySet()) {
            Sample first = g.getValue().get(0);
            if (first.target() != Sample.Target.REDIS) {
                rows.add(new Row(first.protocol(), first.test(), first.pipeline(), first.target(),
                        ComparisonTable.summarize(g.getValue())));
            }
        }
        return new BytesTable(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The protocol the others are compared with (the first), when there are several. */
    private Optional<String> baseline() {
        List<String> protocols = rows.stream().map(Row::protocol).distinct().toList();
        return protocols.size() > 1 ? Optional.of(protocols.get(0)) : Optional.empty();
    }

    /** The baseline protocol's row at the same target, test and depth as {@code r}. */
    private Optional<Row> baselineOf(Row r, String base) {
        return rows.stream().filter(b -> b.protocol().equals(base) && b.target() == r.target()
                && b.test().equals(r.test()) && b.pipeline() == r.pipeline()).findFirst();
    }

    private List<String> headers() {
        List<String> h = new ArrayList<>(List.of("protocol", "test", "-P", "via", "ops/s", "p50 ms",
                "disk B/op/replica", "net B/op/replica", "disk B/op leader", "disk B/op others", "net B/op leader",
                "net B/op others"));
        baseline().ifPresent(b -> h.addAll(List.of("disk vs " + b, "net vs " + b)));
        return h;
    }

    private List<String[]> cells() {
        Optional<String> base = baseline();
        List<String[]> out = new ArrayList<>();
        for (Row r : rows) {
            ComparisonTable.Summary s = r.summary();
            BytesPerOp b = s.bytes();
            List<String> c = new ArrayList<>(List.of(r.protocol(), r.test(), Integer.toString(r.pipeline()),
                    r.target().label(), ComparisonTable.rate(s.rps()), ComparisonTable.ms(s.p50Ms()),
                    ComparisonTable.rate(b.disk().mean()), ComparisonTable.rate(b.net().mean()),
                    ComparisonTable.rate(b.disk().leader()), ComparisonTable.rate(b.disk().others()),
                    ComparisonTable.rate(b.net().leader()), ComparisonTable.rate(b.net().others())));
            if (base.isPresent()) {
                Optional<BytesPerOp> other = baselineOf(r, base.get()).map(x -> x.summary().bytes());
                c.add(ComparisonTable.ratio(other.map(o -> b.disk().mean() / o.disk().mean()).orElse(Double.NaN)));
                c.add(ComparisonTable.ratio(other.map(o -> b.net().mean() / o.net().mean()).orElse(Double.NaN)));
            }
            out.add(c.toArray(String[]::new));
        }
        return out;
    }

    /** What the columns mean; printed under the table. */
    static final String LEGEND = "B/op: bytes per request of the run (per SET on SET rows). disk: record bytes "
            + "appended to the write-ahead log (" + ByteCounters.DISK_METRIC + "); net: frame bytes sent to peers ("
            + ByteCounters.NET_METRIC + ", without TCP/IP headers); both read from every replica's /metrics before "
            + "and after the run, each time once the counters stopped moving. /replica: the mean over the replicas; "
            + "leader: the leader's (n1 for a protocol without one); others: the mean over the other replicas";

    private String legend() {
        return LEGEND + baseline().map(b -> "; vs " + b + ": this row's /replica figure over " + b
                + "'s at the same test, depth and target").orElse("") + "\n";
    }

    /** Fixed-width text for a terminal. */
    public String text() {
        return TextTable.text(headers(), cells(), 4) + "\n" + legend();
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        return TextTable.markdown(headers(), cells(), 4) + "\n" + legend();
    }
}
