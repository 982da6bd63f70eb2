package dev.lockstep.server.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one replica has written to its write-ahead log and sent to its peers so far, in bytes:
 * two counters of its admin {@code /metrics}.
 *
 * @param disk record bytes appended to the write-ahead log ({@value #DISK_METRIC})
 * @param net frame bytes written to peer connections ({@value #NET_METRIC})
 */
public record ByteCounters(long disk, long net) {
    public static final String DISK_METRIC = "lockstep_wal_written_bytes_total";
    public static final String NET_METRIC = "lockstep_peer_sent_bytes_total";

    /** Both counters from one {@code /metrics} text, or empty if either is missing. */
    public static Optional<ByteCounters> parse(String exposition) {
        OptionalDouble disk = PrometheusText.value(exposition, DISK_METRIC);
        OptionalDouble net = PrometheusText.value(exposition, NET_METRIC);
        if (disk.isEmpty() || net.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ByteCounters((long) disk.getAsDouble(), (long) net.getAsDouble()));
    }

    /** Disk and network bytes of all replicas together: how much the cluster has done so far. */
    static long total(List<ByteCounters> replicas) {
        long sum = 0;
        for (ByteCounters c : replicas) {
            sum += c.disk() + c.net();
        }
        return sum;
    }
}
