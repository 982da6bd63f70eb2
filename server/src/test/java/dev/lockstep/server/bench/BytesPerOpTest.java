package dev.lockstep.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes per request without processes: reading the counters out of a replica's /metrics, the
 * per-replica arithmetic, waiting for the counters to stop moving, and the table of several
 * protocols.
 */
class BytesPerOpTest {
    /** What a replica's /metrics looks like around the two counters (PrometheusTextFormatWriter). */
    private static final String METRICS = """
            # HELP lockstep_peer_frames_dropped_total Frames to a peer dropped
            # TYPE lockstep_peer_frames_dropped_total counter
            lockstep_peer_frames_dropped_total{peer="n2"} 0.0
            # HELP lockstep_peer_sent_bytes_total Frame bytes (header and body) written to peer connections
            # TYPE lockstep_peer_sent_bytes_total counter
            lockstep_peer_sent_bytes_total 1.23456789E8
            # HELP lockstep_wal_written_bytes Record payload bytes appended to the write-ahead log
            # TYPE lockstep_wal_written_bytes counter
            lockstep_wal_written_bytes_total 8.4000123E7
            lockstep_wal_written_bytes_created 1.7e9
            lockstep_request_duration_seconds_bucket{le="+Inf"} 12
            lockstep_odd NaN 1700000000000
            """;

    @Test
    void aSampleIsReadByItsExactNameWithoutLabels() {
        assertEquals(OptionalDouble.of(84_000_123), PrometheusText.value(METRICS, "lockstep_wal_written_bytes_total"));
        assertEquals(OptionalDouble.of(123_456_789), PrometheusText.value(METRICS, "lockstep_peer_sent_bytes_total"));
        assertEquals(OptionalDouble.empty(), PrometheusText.value(METRICS, "lockstep_wal_written_bytes"),
                "a prefix of another sample's name is not that sample");
        assertEquals(OptionalDouble.empty(), PrometheusText.value(METRICS, "lockstep_peer_frames_dropped_total"),
                "only unlabelled samples");
        assertTrue(Double.isNaN(PrometheusText.value(METRICS, "lockstep_odd").orElseThrow()), "a timestamp is ignored");
        assertEquals(Optional.of(new ByteCounters(84_000_123, 123_456_789)), ByteCounters.parse(METRICS));
        assertEquals(Optional.empty(), ByteCounters.parse("lockstep_wal_written_bytes_total 5.0\n"),
                "a replica without the network counter tells nothing");
    }

    @Test
    void bytesPerRequestPerReplicaTheLeadersAndTheOthers() {
        // 1000 SETs of ~4 KB through a Raft leader n2 of three: every log grows 4.2 MB, the leader
        // sends the value to two followers (8.6 MB), the followers acknowledge (40 KB, 60 KB).
        List<ByteCounters> before = List.of(new ByteCounters(100, 1_000), new ByteCounters(200, 2_000),
                new ByteCounters(300, 3_000));
        List<ByteCounters> after = List.of(new ByteCounters(100 + 4_200_000, 1_000 + 40_000),
                new ByteCounters(200 + 4_200_000, 2_000 + 8_600_000), new ByteCounters(300 + 4_200_000, 3_000 + 60_000));
        BytesPerOp b = BytesPerOp.of(before, after, 1, 1_000);
        assertEquals(new BytesPerOp.PerReplica(4_200, 4_200, 4_200), b.disk());
        assertEquals((40_000 + 8_600_000 + 60_000) / 3.0 / 1_000, b.net().mean(), 1e-9);
        assertEquals(8_600, b.net().leader(), 1e-9);
        assertEquals(50, b.net().others(), 1e-9);
    }

    @Test
    void oneReplicaHasNoOthersAndMissingOrRestartedCountersAreUnknown() {
        BytesPerOp one = BytesPerOp.of(List.of(new ByteCounters(0, 0)), List.of(new ByteCounters(1_000, 0)), 0, 10);
        assertEquals(100, one.disk().mean());
        assertEquals(100, one.disk().leader());
        assertTrue(Double.isNaN(one.disk().others()));
        List<ByteCounters> two = List.of(new ByteCounters(5, 5), new ByteCounters(5, 5));
        assertEquals(BytesPerOp.UNKNOWN, BytesPerOp.of(List.of(), two, 0, 10), "no reading before");
        assertEquals(BytesPerOp.UNKNOWN, BytesPerOp.of(two, two.subList(0, 1), 0, 10), "a replica stopped answering");
        assertEquals(BytesPerOp.UNKNOWN, BytesPerOp.of(two, two, -1, 10), "the leader is not a member");
        assertEquals(BytesPerOp.UNKNOWN, BytesPerOp.of(two, List.of(new ByteCounters(5, 5), new ByteCounters(1, 9)),
                0, 10), "a counter went down: the replica restarted");
    }

    /** A cluster whose counters are read from a script, one reading per call. */
    private record Scripted(Deque<List<ByteCounters>> readings) implements ClusterUnderTest {
        @Override
        public Replica leader(long timeoutMs) {
            return new Replica("n1", 1, 1);
        }

        @Override
        public Replica follower(Replica leader) {
            return leader;
        }

        @Override
        public List<Replica> all(Replica leader) {
            return List.of(leader);
        }

        @Override
        public List<Long> pids() {
            return List.of();
        }

        @Override
        public long fsyncs() {
            return -1;
        }

        @Override
        public List<ByteCounters> byteCounters() {
            return readings.size() > 1 ? readings.poll() : readings.peek();
        }
    }

    private static List<ByteCounters> reading(long disk, long net) {
        return List.of(new ByteCounters(disk, net));
    }

    @Test
    @Timeout(10)
    void theCountersAreReadOnceTheyStopMoving() throws InterruptedException {
        Scripted catchingUp = new Scripted(new ArrayDeque<>(List.of(reading(0, 0), reading(1_000_000, 0),
                reading(2_000_000, 500_000), reading(2_000_000, 500_000 + BenchRun.QUIET_BYTES - 1),
                reading(9_000_000, 9_000_000))));
        assertEquals(reading(2_000_000, 500_000 + BenchRun.QUIET_BYTES - 1), BenchRun.quietCounters(catchingUp),
                "heartbeats (less than QUIET_BYTES in an interval) do not count as moving");
        assertEquals(List.of(), BenchRun.quietCounters(new Scripted(new ArrayDeque<>(List.of(List.of())))),
                "a replica that does not answer: nothing to wait for");
    }

    private static Sample sample(String protocol, Sample.Target target, int pipeline, double disk, double net) {
        BytesPerOp bytes = target == Sample.Target.REDIS ? BytesPerOp.UNKNOWN
                : new BytesPerOp(new BytesPerOp.PerReplica(disk, disk, disk),
                        new BytesPerOp.PerReplica(net, 2 * net, net / 2));
        return new Sample(protocol, target, "SET", pipeline, new Measurement("SET", 1_000, 0, 0, 1.5, 0, 3, 0), 10,
                0.1, bytes, "");
    }

    @Test
    void severalProtocolsShareTheRedisRowsAndAreComparedWithTheFirst() {
        List<Sample> samples = List.of(sample("", Sample.Target.REDIS, 1, 0, 0),
                sample("raft", Sample.Target.LEADER, 1, 4_200, 2_800),
                sample("rspaxos", Sample.Target.LEADER, 1, 2_100, 1_400),
                sample("rspaxos", Sample.Target.LEADER, 1, 2_300, 1_600));
        BytesTable bytes = BytesTable.of(samples);
        assertEquals(2, bytes.rows().size(), "Redis has no bytes row");
        String md = bytes.markdown();
        assertTrue(md.startsWith("| protocol | test | -P | via | ops/s | p50 ms | disk B/op/replica | net B/op/replica "
                + "| disk B/op leader | disk B/op others | net B/op leader | net B/op others | disk vs raft | net vs raft |"),
                md);
        assertTrue(md.contains("| raft | SET | 1 | leader | 1,000 | 1.500 | 4,200 | 2,800 | 4,200 | 4,200 | 5,600 | "
                + "1,400 | 1.00 | 1.00 |"), md);
        assertTrue(md.contains("| rspaxos | SET | 1 | leader | 1,000 | 1.500 | 2,200 | 1,500 | 2,200 | 2,200 | 3,000 | "
                + "750 | 0.52 | 0.54 |"), "the median of two runs, over raft's: " + md);
        assertTrue(bytes.text().contains(BytesTable.LEGEND), bytes.text());
        ComparisonTable table = ComparisonTable.of(samples);
        assertEquals(2, table.rows().size(), "both protocols are compared with the one Redis run");
        assertTrue(table.markdown().startsWith("| protocol | test | -P | Lockstep via |"), table.markdown());
        assertFalse(ComparisonTable.of(samples.subList(0, 2)).markdown().contains("protocol"),
                "one protocol: the comparison table as before");
    }

    @Test
    void theReportNamesEveryClusterAndAddsTheBytesTable() {
        BenchPlan plan = new BenchPlan(List.of("set"), List.of(1, 16), 20_000, 50, 4096, 0, 1, true, false, 5_000,
                Duration.ofSeconds(60));
        List<Sample> samples = List.of(sample("", Sample.Target.REDIS, 1, 0, 0),
                sample("raft", Sample.Target.LEADER, 1, 4_200, 2_800),
                sample("rspaxos", Sample.Target.LEADER, 1, 2_100, 1_400));
        BenchmarkReport report = new BenchmarkReport(plan, List.of(new BenchmarkReport.Cluster("raft", 3),
                new BenchmarkReport.Cluster("rspaxos", 5)), List.of("-Xmx512m"), Map.of(), "Redis server v=7",
                "0.1 0.1 0.1", "0.2 0.2 0.2", ComparisonTable.of(samples), BytesTable.of(samples));
        String md = report.markdown();
        assertTrue(md.contains("- Lockstep: 3 raft replicas, then 5 rspaxos replicas (one cluster at a time"), md);
        assertTrue(md.contains("### Bytes per request (disk and network, per replica)\n\n| protocol |"), md);
        assertTrue(report.text().contains("disk vs raft"), report.text());
    }
}
