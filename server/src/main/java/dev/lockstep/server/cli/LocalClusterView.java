package dev.lockstep.server.cli;

import dev.lockstep.server.bench.ByteCounters;
import dev.lockstep.server.bench.ClusterUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A {@link LocalCluster} as the benchmark sees it: its leader, replicas and processes from the
 * cluster, fsyncs and byte counters from each replica's admin {@code /metrics}.
 */
record LocalClusterView(LocalCluster cluster) implements ClusterUnderTest {
    @Override
    public Replica leader(long timeoutMs) throws InterruptedException {
        LocalCluster.Leader l = cluster.awaitLeader(timeoutMs)
                .orElseThrow(() -> new IllegalStateException("no Lockstep leader within " + timeoutMs + " ms"));
        return new Replica(l.id(), cluster.ports().get(l.index()).client(), l.term());
    }

    @Override
    public Replica follower(Replica leader) {
        List<ClusterLayout.Ports> ports = cluster.ports();
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).client() == leader.clientPort()) {
                int f = (i + 1) % ports.size();
                return new Replica("n" + (f + 1), ports.get(f).client(), leader.term());
            }
        }
        throw new IllegalStateException("leader " + leader + " is not a member");
    }

    @Override
    public List<Replica> all(Replica leader) {
        List<ClusterLayout.Ports> ports = cluster.ports();
        List<Replica> all = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            all.add(new Replica("n" + (i + 1), ports.get(i).client(), leader.term()));
        }
        return List.copyOf(all);
    }

    @Override
    public long fsyncs() {
        long total = 0;
        for (int i = 0; i < cluster.ports().size(); i++) {
            OptionalDouble n = cluster.metric(i, "lockstep_wal_fsync_duration_seconds_count");
            if (n.isEmpty()) {
                return -1;
            }
            total += (long) n.getAsDouble();
        }
        return total;
    }

    /** One {@code /metrics} request per replica. */
    @Override
    public List<ByteCounters> byteCounters() {
        List<ByteCounters> all = new ArrayList<>();
        for (int i = 0; i < cluster.ports().size(); i++) {
            Optional<ByteCounters> c = cluster.metrics(i).flatMap(ByteCounters::parse);
            if (c.isEmpty()) {
                return List.of();
            }
            all.add(c.get());
        }
        return List.copyOf(all);
    }

    @Override
    public List<Long> pids() {
        return cluster.children().stream().map(ReplicaProcess::pid).toList();
    }
}
