package dev.lockstep.server.bench;

import java.util.List;

/** The Lockstep cluster as the benchmark sees it: where its leader, a follower and every replica listen. */
public interface ClusterUnderTest {

    /** A replica's id, client port and the term in which it was seen. */
    record Replica(String id, int clientPort, long term) {}

    /** The current leader, waiting up to {@code timeoutMs} for one; throws if none emerges. */
    Replica leader(long timeoutMs) throws InterruptedException;

    /** Some replica other than {@code leader}. */
    Replica follower(Replica leader);

    /** Every replica, in member order (n1 first), seen in {@code leader}'s term. */
    List<Replica> all(Replica leader);

    /** The replica processes, whose CPU time is measured. */
    List<Long> pids();

    /** Write-ahead log syncs (fsyncs) of all replicas so far, or -1 if unknown. */
    long fsyncs();

    /**
     * Every replica's disk and network byte counters now, in member order (n1 first), or an
     * empty list if some replica does not report them.
     */
    default List<ByteCounters> byteCounters() {
        return List.of();
    }
}
