package dev.lockstep.server.bench;

import java.util.List;

/**
 * What one run cost the replicas per request, in bytes: the growth of each replica's
 * {@link ByteCounters} between a reading before the run and one after it, divided by the run's
 * requests. A run of N SETs of 4 KB values through a Raft leader of 3 replicas writes about
 * 4 KB per SET to each replica's log (disk 4 KB for every replica), and the leader sends the
 * value to both followers (net: leader about 8 KB, followers a few bytes of acknowledgements,
 * mean per replica about 2.7 KB).
 *
 * @param disk write-ahead log bytes per request
 * @param net bytes sent to peers per request
 */
public record BytesPerOp(PerReplica disk, PerReplica net) {

    /**
     * One counter's bytes per request: the mean over all replicas, the leader's (the replica the
     * load went to when the protocol has no leader), and the mean over the other replicas
     * ({@code NaN} with one replica).
     */
    public record PerReplica(double mean, double leader, double others) {
        static final PerReplica UNKNOWN = new PerReplica(Double.NaN, Double.NaN, Double.NaN);
    }

    /** For Redis, and when some replica did not report its counters. */
    public static final BytesPerOp UNKNOWN = new BytesPerOp(PerReplica.UNKNOWN, PerReplica.UNKNOWN);

    /**
     * @param before every replica's counters before the run, in member order
     * @param after the same replicas' counters after it
     * @param leader the leader's position in those lists
     * @param requests the run's requests
     * @return {@link #UNKNOWN} if a reading is missing, the lists differ in length, the leader is
     *     not among them or a counter went down (a replica restarted during the run)
     */
    public static BytesPerOp of(List<ByteCounters> before, List<ByteCounters> after, int leader, long requests) {
        int n = before.size();
        if (n == 0 || after.size() != n || leader < 0 || leader >= n || requests < 1) {
            return UNKNOWN;
        }
        long[] disk = new long[n];
        long[] net = new long[n];
        for (int i = 0; i < n; i++) {
            disk[i] = after.get(i).disk() - before.get(i).disk();
            net[i] = after.get(i).net() - before.get(i).net();
            if (disk[i] < 0 || net[i] < 0) {
                return UNKNOWN;
            }
        }
        return new BytesPerOp(perReplica(disk, leader, requests), perReplica(net, leader, requests));
    }

    /** Each replica's growth per request: the mean, the leader's and the others' mean. */
    static PerReplica perReplica(long[] growth, int leader, long requests) {
        long all = 0;
        for (long g : growth) {
            all += g;
        }
        int n = growth.length;
        double others = n > 1 ? (all - growth[leader]) / (double) (n - 1) / requests : Double.NaN;
        return new PerReplica(all / (double) n / requests, growth[leader] / (double) requests, others);
    }
}
