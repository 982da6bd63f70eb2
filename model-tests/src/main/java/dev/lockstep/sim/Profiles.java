package dev.lockstep.sim;

import java.util.List;

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
     * Each node's clock: how far it runs fast or slow against true (simulated) time, in parts
     * per million, and where it starts. A node's reading at true time {@code t} ms is
     * {@code offset + t * (1 + ppm / 10^6)} plus any {@link FaultEvent.ClockJump}s so far: never
     * backwards, and through a pause it runs on.
     *
     * @param ratePpm per node (0-based), within {@code +-MAX_DRIFT_PPM}
     * @param offsetMs per node: the reading at true time 0
     */
    public record Clocks(List<Integer> ratePpm, List<Long> offsetMs) {
        /** The drift bound of the CLOCK fault (a cheap crystal is within 100 ppm; twice that). */
        public static final int MAX_DRIFT_PPM = 200;

        public Clocks {
            ratePpm = List.copyOf(ratePpm);
            offsetMs = List.copyOf(offsetMs);
            if (ratePpm.size() != offsetMs.size()) {
                throw new IllegalArgumentException("one rate and one offset per node");
            }
            for (int ppm : ratePpm) {
                if (Math.abs(ppm) > MAX_DRIFT_PPM) {
                    throw new IllegalArgumentException("clock drift " + ppm + " ppm beyond +-" + MAX_DRIFT_PPM);
                }
            }
        }

        /** Every clock at true rate; offsets still differ (monotonic clocks start anywhere). */
        public Clocks withoutDrift() {
            return new Clocks(java.util.Collections.nCopies(ratePpm.size(), 0), offsetMs);
        }

        public String describe() {
            return ratePpm.stream().allMatch(r -> r == 0) ? "true rate"
                    : "drift " + ratePpm.stream().map(r -> (r >= 0 ? "+" : "") + r).collect(
                            java.util.stream.Collectors.joining(",")) + "ppm";
        }
    }

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
