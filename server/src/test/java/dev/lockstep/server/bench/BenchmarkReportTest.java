package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's setup lines name the key distribution and how the clients were spread. */
class BenchmarkReportTest {

    private static String markdown(int keys, boolean spread) {
        BenchPlan plan = new BenchPlan(List.of("set"), List.of(1), 20_000, 12, 100, keys, 1, !spread, spread, 0,
                Duration.ofSeconds(60));
        ComparisonTable table = ComparisonTable.of(List.of());
        return new BenchmarkReport(plan, 3, "someprotocol", List.of("-Xmx512m"), Map.of(), "Redis server v=7",
                "0.1 0.1 0.1", "0.2 0.2 0.2", table).markdown();
    }

    @Test
    void spreadWithManyKeys() {
        String md = markdown(1_000_000, true);
        assertTrue(md.contains("-P DEPTH -r 1000000 --csv"), md);
        assertTrue(md.contains("- keys: uniform over 1000000 keys (-r 1000000"), md);
        assertTrue(md.contains("- clients: spread: one redis-benchmark process per Lockstep replica, all at once "
                + "(-c 4 -n 6667, -c 4 -n 6667, -c 4 -n 6666); Redis: one process with all clients "
                + "(-c 12 -n 20000)"), md);
        assertTrue(md.contains("3 someprotocol replicas"), md);
    }

    @Test
    void oneReplicaWithOneKey() {
        String md = markdown(0, false);
        assertTrue(md.contains("-P DEPTH --csv"), md);
        assertFalse(md.contains("-r "), md);
        assertTrue(md.contains("- keys: one key, key:__rand_int__ (no -r"), md);
        assertTrue(md.contains("- clients: one redis-benchmark process with all clients against Redis, then one "
                + "against the Lockstep leader (and once against a follower)"), md);
    }
}
