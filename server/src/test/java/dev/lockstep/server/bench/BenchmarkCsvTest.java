package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing redis-benchmark's --csv output, and refusing what is not. */
class BenchmarkCsvTest {

    @Test
    void readsRedis7OutputByColumnName() {
        String out = """
                WARNING: Could not fetch server CONFIG
                "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
                "SET","25445.29","1.796","0.560","1.567","2.695","5.671","43.423"
                "GET","55897.15","0.582","0.072","0.551","0.847","1.319","8.223"
                """;
        List<Measurement> m = BenchmarkCsv.parse(out);
        assertEquals(2, m.size());
        assertEquals(new Measurement("SET", 25445.29, 1.796, 0.560, 1.567, 2.695, 5.671, 43.423), m.get(0));
        assertEquals("GET", m.get(1).test());
        assertEquals(1.319, m.get(1).p99Ms());
    }

    @Test
    void olderOutputWithoutLatenciesReadsAsNaN() {
        List<Measurement> m = BenchmarkCsv.parse("\"test\",\"rps\"\n\"SET\",\"1000.00\"\n");
        assertEquals(1000.0, m.get(0).rps());
        assertTrue(Double.isNaN(m.get(0).p50Ms()));
    }

    @Test
    void quotedCellsMaySplitOnlyOutsideQuotes() {
        assertEquals(List.of("a,b", "c\"d", ""), BenchmarkCsv.cells("\"a,b\",\"c\"\"d\",\"\""));
    }

    @Test
    void outputWithoutResultsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BenchmarkCsv.parse("Could not connect to Redis"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkCsv.parse("\"test\",\"rps\"\n"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkCsv.parse("\"name\",\"value\"\n\"x\",\"1\"\n"));
        assertThrows(IllegalArgumentException.class, () -> BenchmarkCsv.parse("\"test\",\"rps\"\n\"SET\",\"fast\"\n"));
    }
}
