package dev.lockstep.sim;

import dev.lockstep.core.Message;
import dev.lockstep.base.Prng;
import java.util.Map;

/**
 * The simulated network between nodes: random delays, loss, duplication, optional per-link FIFO
 * order, delay spikes and partitions (link cuts counted per directed link, so overlapping
 * partitions compose). Writes the spec's {@code DropMessage}/{@code DuplicateMessage} trace lines
 * for what it does to a message (docs/runtime-contract.md, "Trace lines").
 */
final class SimNetwork {
    private final int nodes;
    private final Prng rng;
    private final SimTime time;
    private final TraceLog trace;
    private final int[][] cuts;
    private final long[][] lastArrival;
    private Profiles.Network profile;
    private long sent;
    private long dropped;
    private long duplicated;

    SimNetwork(int nodes, Profiles.Network profile, Prng rng, SimTime time, TraceLog trace) {
        this.nodes = nodes;
        this.profile = profile;
        this.rng = rng;
        this.time = time;
        this.trace = trace;
        this.cuts = new int[nodes][nodes];
        this.lastArrival = new long[nodes][nodes];
    }

    void send(int from, int to, Message message, Map<String, Object> traceMessage) {
        sent++;
        Envelope envelope = new Envelope(from, to, message, traceMessage);
        if (profile.loss() > 0 && rng.chance(profile.loss())) {
            drop(envelope);
            return;
        }
        schedule(envelope);
        if (profile.duplicate() > 0 && rng.chance(profile.duplicate())) {
            duplicated++;
            trace.network("DuplicateMessage", traceMessage);
            schedule(envelope);
        }
    }

    private void schedule(Envelope e) {
        long arrival = time.now() + rng.nextIntInclusive(profile.minDelay(), profile.maxDelay());
        if (profile.spike() > 0 && rng.chance(profile.spike())) {
            arrival += rng.nextIntInclusive(50, 300);
        }
        if (!profile.reorder()) {
            arrival = Math.max(arrival, lastArrival[e.from()][e.to()]);
            lastArrival[e.from()][e.to()] = arrival;
        }
        time.at(arrival, new SimEvent.Deliver(e));
    }

    /** True when the link is cut now; the caller then {@link #drop}s the message. */
    boolean isCut(int from, int to) {
        return cuts[from][to] > 0;
    }

    /** A message lost in the network or on arrival at a cut link or a down node. */
    void drop(Envelope e) {
        dropped++;
        trace.network("DropMessage", e.traceMessage());
    }

    void apply(FaultEvent.Partition p, boolean start) {
        int delta = start ? 1 : -1;
        for (int a = 0; a < nodes; a++) {
            for (int b = 0; b < nodes; b++) {
                if (p.cuts(a + 1, b + 1)) {
                    cuts[a][b] = Math.max(0, cuts[a][b] + delta);
                }
            }
        }
    }

    /** Heals every cut and stops loss, duplication and spikes. */
    void heal() {
        for (int[] row : cuts) {
            java.util.Arrays.fill(row, 0);
        }
        profile = profile.calm();
    }

    long sent() {
        return sent;
    }

    long dropped() {
        return dropped;
    }

    long duplicated() {
        return duplicated;
    }
}
