package dev.lockstep.server.bench;

/**
 * One redis-benchmark run against one target.
 *
 * @param protocol the Lockstep cluster's replication protocol; empty for Redis
 * @param cpuMicrosPerOp CPU time (user + system) the target's processes spent during the run,
 *     per request; {@code NaN} if the platform does not report CPU time
 * @param fsyncsPerOp write-ahead log syncs of all Lockstep replicas per request ({@code NaN} for
 *     Redis, which does not count them)
 * @param bytes what the replicas wrote to disk and sent to each other per request
 *     ({@link BytesPerOp#UNKNOWN} for Redis)
 * @param note what may make the run unrepresentative (e.g. a leader change), or empty
 */
public record Sample(String protocol, Target target, String test, int pipeline, Measurement measurement,
        double cpuMicrosPerOp, double fsyncsPerOp, BytesPerOp bytes, String note) {

    /**
     * What a run was aimed at: Redis, the Lockstep leader (or n1 without one), another replica,
     * or every replica at once (one redis-benchmark process per replica, see {@link Aggregate}).
     */
    public enum Target {
        REDIS("Redis"), LEADER("leader"), FOLLOWER("follower"), SPREAD("all replicas");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
