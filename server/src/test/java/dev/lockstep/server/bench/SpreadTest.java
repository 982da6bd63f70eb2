package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --spread} and {@code --keys} without processes: splitting -c and -n over the replicas,
 * the redis-benchmark arguments of each process, and reading their results as one.
 */
class SpreadTest {

    private static BenchPlan plan(int keys, boolean spread) {
        return new BenchPlan(List.of("set"), List.of(1), 20_000, 12, 100, keys, 1, !spread, spread, 0,
                Duration.ofSeconds(60));
    }

    private static Measurement m(double rps, double avg, double min, double p50, double p95, double p99, double max) {
        return new Measurement("SET", rps, avg, min, p50, p95, p99, max);
    }

    @Test
    void clientsAndRequestsSplitEvenlyWithTheRemainderToTheFirst() {
        assertEquals(List.of(new Share(4, 6667), new Share(4, 6667), new Share(4, 6666)), Share.split(12, 20_000, 3));
        assertEquals(List.of(new Share(2, 4), new Share(2, 3), new Share(1, 3)), Share.split(5, 10, 3));
        assertEquals(List.of(new Share(50, 200_000)), Share.split(50, 200_000, 1));
        List<Share> odd = Share.split(50, 200_001, 7);
        assertEquals(50, odd.stream().mapToInt(Share::clients).sum());
        assertEquals(200_001, odd.stream().mapToInt(Share::requests).sum());
        assertTrue(odd.stream().allMatch(s -> s.clients() >= 7 && s.clients() <= 8), odd.toString());
    }

    @Test
    void aProcessWithoutClientsOrRequestsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Share.split(2, 100, 3));
        assertThrows(IllegalArgumentException.class, () -> Share.split(12, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Share.split(12, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new Share(0, 1));
    }

    @Test
    void eachReplicaGetsItsShareInMemberOrder() {
        List<ClusterUnderTest.Replica> replicas = List.of(new ClusterUnderTest.Replica("n1", 27001, 3),
                new ClusterUnderTest.Replica("n2", 27002, 3), new ClusterUnderTest.Replica("n3", 27003, 3));
        assertEquals(List.of(new BenchRun.Aim("n1", 27001, new Share(4, 6667)),
                new BenchRun.Aim("n2", 27002, new Share(4, 6667)), new BenchRun.Aim("n3", 27003, new Share(4, 6666))),
                BenchRun.spread(replicas, 12, 20_000));
    }

    @Test
    void keysAddMinusRAndNoKeysLeaveItOut() {
        assertEquals(List.of("-t", "set", "-n", "6667", "-c", "4", "-d", "100", "-P", "16", "--csv"),
                plan(0, true).arguments("set", 16, new Share(4, 6667)));
        assertEquals(List.of("-t", "get", "-n", "20000", "-c", "12", "-d", "100", "-P", "1", "-r", "1000000", "--csv"),
                plan(1_000_000, false).arguments("get", 1, new Share(12, 20_000)));
        assertEquals(new Share(12, 20_000), plan(0, false).whole());
        assertThrows(IllegalArgumentException.class, () -> plan(-1, false));
    }

    @Test
    void theKeyDistributionIsNamed() {
        assertTrue(plan(0, false).keyDistribution().startsWith("one key, key:__rand_int__ (no -r"),
                plan(0, false).keyDistribution());
        assertEquals("uniform over 1000000 keys (-r 1000000: key:000000000000 .. key:000000999999, drawn anew for "
                + "every request)", plan(1_000_000, false).keyDistribution());
    }

    @Test
    void opsPerSecondAreAllRequestsOverTheSlowestProcessAndLatencyTheWorst() {
        List<Share> shares = List.of(new Share(4, 6000), new Share(4, 3000), new Share(4, 3000));
        // 1.0 s, 1.5 s and 0.5 s by redis-benchmark's own clock: 12000 requests in 1.5 s
        List<Measurement> parts = List.of(m(6000, 1.0, 0.2, 0.9, 2.0, 3.0, 9.0), m(2000, 2.0, 0.3, 1.8, 2.5, 2.9, 5.0),
                m(6000, 0.5, 0.1, 0.4, 4.0, 7.0, 8.0));
        Measurement all = Aggregate.of(shares, parts);
        assertEquals(8000.0, all.rps(), 1e-9); // not the sum of the rates (14000)
        assertEquals(1.8, all.p50Ms());
        assertEquals(4.0, all.p95Ms());
        assertEquals(7.0, all.p99Ms());
        assertEquals(0.1, all.minMs());
        assertEquals(9.0, all.maxMs());
        assertEquals((6000 * 1.0 + 3000 * 2.0 + 3000 * 0.5) / 12_000, all.avgMs(), 1e-12);
        assertEquals("SET", all.test());
        assertEquals(1.5, Aggregate.seconds(shares.get(1), parts.get(1)), 1e-12);
    }

    @Test
    void oneProcessIsItsOwnResultAndMismatchesAreRefused() {
        Measurement one = m(12345.67, 1, 0.1, 1, 2, 3, 4);
        assertEquals(one, Aggregate.of(List.of(new Share(12, 20_000)), List.of(one)));
        assertTrue(Double.isNaN(Aggregate.of(List.of(new Share(1, 10), new Share(1, 10)),
                List.of(one, m(0, 1, 1, 1, 1, 1, 1))).rps()), "a process without a rate gives no rate");
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of(List.of(new Share(1, 1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of(List.of(new Share(1, 1), new Share(1, 1)),
                List.of(one, new Measurement("GET", 1, 1, 1, 1, 1, 1, 1))));
    }
}
