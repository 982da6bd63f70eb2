package dev.lockstep.sim;

/** The numeric options of a run, grouped by the module they drive. Times in simulated ms. */
public final class Profiles {
    private Profiles() {}

    /**
     * @param minDelay shortest one-way message delay
     * @param maxDelay longest usual delay
     * @param loss probability a message is lost
     * @param duplicate probability a message is delivered twice
     * @param reorder when false, each link is FIFO; when true, deliveries are ordered only by
     *     their random delays and {@code spike} of them are delayed by 50..300 ms more
     */
    public record Network(int minDelay, int maxDelay, double loss, double duplicate, boolean reorder,
            double spike) {
        public static final Network CALM = new Network(1, 5, 0, 0, false, 0);

        /** The same delays without loss, duplication or spikes: the healed network. */
        public Network calm() {
            return new Network(minDelay, maxDelay, 0, 0, reorder, 0);
        }
    }

    /**
     * Latency of one fsync (a group commit of every write issued before it starts), and the
     * probability that a node "bounces" (crashes and restarts within 1..20 ms, like a supervised
     * process) at an fsync boundary: right after a step that issued a write, or right after an
     * fsync completed and released its effects. Only with {@code crash} faults, only before the heal.
     */
    public record Disk(int minLatency, int maxLatency, double bounce) {}

    /**
     * The protocol-agnostic replica tuning, in ticks (see dev.lockstep.core.ReplicaConfig).
     */
    public record Tuning(int electionTicksMin, int electionTicksMax, int heartbeatTicks, int maxBatchEntries,
            int maxInflight, int snapshotEvery) {}

    /**
     * @param clients concurrent clients, each with one request outstanding at a time
     * @param keys size of the key space
     * @param ops total operations over all clients
     * @param maxThinkMs longest pause between a client's operations
     * @param attemptTimeoutMs a client retries (same request id, next node) after this long
     * @param giveUpMs during the faults phase a client abandons an operation after this long
     *     (its outcome becomes unknown); after healing it never gives up
     * @param endSessionEvery 0: each client keeps one session for the whole run; k > 0: after
     *     every k answered operations a client ends its session ({@code EndSession}, sent once,
     *     not awaited, like a closing connection) and goes on under a new one
     */
    public record Workload(int clients, int keys, int ops, int maxThinkMs, int attemptTimeoutMs, int giveUpMs,
            int endSessionEvery) {
        public Workload(int clients, int keys, int ops, int maxThinkMs, int attemptTimeoutMs, int giveUpMs) {
            this(clients, keys, ops, maxThinkMs, attemptTimeoutMs, giveUpMs, 0);
        }

        public Workload {
            if (endSessionEvery < 0) {
                throw new IllegalArgumentException("endSessionEvery must be >= 0");
            }
        }

        public Workload withEndSessionEvery(int k) {
            return new Workload(clients, keys, ops, maxThinkMs, attemptTimeoutMs, giveUpMs, k);
        }
    }
}
