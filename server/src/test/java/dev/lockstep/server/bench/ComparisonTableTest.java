package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians of repeated runs, pairing with Redis, ratios and both renderings. */
class ComparisonTableTest {

    private static Sample sample(Sample.Target target, String test, int pipeline, double rps, double p50, double p99,
            String note) {
        return new Sample(target == Sample.Target.REDIS ? "" : "raft", target, test, pipeline,
                new Measurement(test, rps, 0, 0, p50, 0, p99, 0), 10, target == Sample.Target.REDIS ? Double.NaN : 0.05,
                BytesPerOp.UNKNOWN, note);
    }

    @Test
    void medianOfAnOddAndAnEvenNumberOfRuns() {
        List<Sample> three = List.of(sample(Sample.Target.REDIS, "SET", 1, 5, 1, 1, ""),
                sample(Sample.Target.REDIS, "SET", 1, 1, 1, 1, ""), sample(Sample.Target.REDIS, "SET", 1, 3, 1, 1, ""));
        assertEquals(3.0, ComparisonTable.median(three, s -> s.measurement().rps()));
        assertEquals(2.0, ComparisonTable.median(three.subList(1, 3), s -> s.measurement().rps()));
    }

    @Test
    void pairsEachLockstepGroupWithRedisAtTheSameTestAndDepth() {
        List<Sample> samples = List.of(
                sample(Sample.Target.REDIS, "SET", 1, 20_000, 2.0, 5.0, ""),
                sample(Sample.Target.LEADER, "SET", 1, 10_000, 4.0, 9.0, ""),
                sample(Sample.Target.REDIS, "SET", 16, 200_000, 3.0, 6.0, ""),
                sample(Sample.Target.LEADER, "SET", 16, 50_000, 12.0, 30.0, "leader changed during the run"),
                sample(Sample.Target.FOLLOWER, "SET", 1, 8_000, 5.0, 11.0, ""),
                sample(Sample.Target.LEADER, "GET", 1, 9_000, 1.0, 2.0, "")); // no Redis GET: no row
        ComparisonTable table = ComparisonTable.of(samples);
        assertEquals(3, table.rows().size());
        ComparisonTable.Row p1 = table.rows().get(0);
        assertEquals(0.5, p1.rpsRatio(), 1e-9);
        assertEquals(2.0, p1.p50Ratio(), 1e-9);
        assertEquals(Sample.Target.FOLLOWER, table.rows().get(2).target());
        assertEquals(0.4, table.rows().get(2).rpsRatio(), 1e-9);

        String text = table.text();
        assertTrue(text.contains("SET   16  leader"), text);
        assertTrue(text.contains("0.25"), text);
        assertTrue(text.contains("note (SET -P 16 leader): leader changed during the run"), text);
        String md = table.markdown();
        assertTrue(md.startsWith("| test | -P | Lockstep via | Lockstep ops/s |"), md);
        assertTrue(md.contains("| SET | 1 | follower | 8,000 | 5.000 | 11.000 | 10.0 | 0.0500 | 20,000 | 2.000 | 5.000 | 10.0 | 0.40 | 2.50 |"), md);
    }

    @Test
    void allReplicaRowsAreLabelledAndExplainedUnderTheTable() {
        List<Sample> samples = List.of(sample(Sample.Target.REDIS, "SET", 1, 20_000, 2.0, 5.0, ""),
                sample(Sample.Target.SPREAD, "SET", 1, 15_000, 3.0, 8.0, ""));
        ComparisonTable table = ComparisonTable.of(samples);
        assertEquals(Sample.Target.SPREAD, table.rows().get(0).target());
        String md = table.markdown();
        assertTrue(md.contains("| SET | 1 | all replicas | 15,000 | 3.000 | 8.000 |"), md);
        assertTrue(md.endsWith("\n" + ComparisonTable.SPREAD_LEGEND + "\n"), md);
        assertTrue(ComparisonTable.SPREAD_LEGEND.contains("worst of the processes' p50 and p99"));
        assertTrue(table.text().contains("SET   1   all replicas"), table.text());
        assertTrue(table.text().contains(ComparisonTable.SPREAD_LEGEND), table.text());
        assertFalse(ComparisonTable.of(samples.subList(0, 1)).text().contains("all replicas:"), "only when used");
    }

    @Test
    void missingLatenciesPrintAsADash() {
        assertEquals("-", ComparisonTable.ms(Double.NaN));
        assertEquals("-", ComparisonTable.ratio(Double.POSITIVE_INFINITY));
        assertEquals("1,234", ComparisonTable.rate(1234.4));
    }
}
