package dev.lockstep.sim;

import dev.lockstep.base.Prng;
import dev.lockstep.core.ReplicaStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out a {@link FaultSchedule} during the faults phase and heals everything at its end:
 * partitions through the {@link SimNetwork}, crashes and restarts and pauses through the hosts.
 * Faults that would start or end after the heal are ignored: the heal already ended them.
 *
 * <p>Most crashes (seed-decided) are armed rather than immediate, to land at the moments that
 * matter for durability: either right after the node's next step that issues a write (the crash
 * interrupts an fsync) or right after its next fsync completes and releases the effects that
 * waited for it (a vote or an acknowledgement just went out). An armed crash strikes after
 * {@link #ARMED_MS} at the latest. The node restarts {@code duration} ms after it crashed.
 */
final class Faults {
    static final int ARMED_MS = 300;

    private final Simulation simulation;
    private final Prng rng;
    private final Map<Integer, FaultEvent.Crash> armed = new HashMap<>();
    /** Armed nodes waiting for an fsync to complete (the others wait for a write to start). */
    private final Map<Integer, Boolean> afterSync = new HashMap<>();
    private final double bounce;
    private long healAt;
    private final SimNetwork network;
    private final List<SimHost> hosts;
    private final SimTime time;
    /** Faults naming {@link FaultEvent#LEADER}, with the nodes it meant when they started. */
    private final Map<FaultEvent, FaultEvent> resolved = new IdentityHashMap<>();
    private boolean healed;
    private int crashes;

    private final boolean hasLeader;

    Faults(Simulation simulation, SimNetwork network, List<SimHost> hosts, SimTime time, Prng rng, double bounce,
            boolean hasLeader) {
        this.simulation = simulation;
        this.hasLeader = hasLeader;
        this.bounce = bounce;
        this.rng = rng;
        this.network = network;
        this.hosts = hosts;
        this.time = time;
    }

    void schedule(FaultSchedule schedule, long healAt) {
        this.healAt = healAt;
        for (FaultEvent f : schedule.events()) {
            if (f.at() < healAt && !(f instanceof FaultEvent.ClockJump)) {
                time.at(f.at(), new SimEvent.FaultStart(f));
                if (f.end() < healAt && !(f instanceof FaultEvent.Crash)) {
                    time.at(f.end(), new SimEvent.FaultEnd(f));
                }
            }
        }
        time.at(healAt, new SimEvent.Heal());
    }

    void start(FaultEvent scheduled) {
        if (healed) {
            return;
        }
        FaultEvent f = resolve(scheduled);
        resolved.put(scheduled, f);
        if (f instanceof FaultEvent.Partition p) {
            network.apply(p, true);
        } else if (f instanceof FaultEvent.Crash c) {
            SimHost h = host(c.node());
            if (!h.isUp() || armed.containsKey(h.index)) {
                return;
            }
            if (rng.chance(0.8)) {
                armed.put(h.index, c);
                afterSync.put(h.index, rng.chance(0.5));
                time.after(ARMED_MS, new SimEvent.CrashNow(h.index));
            } else {
                crash(h, c);
            }
        } else if (f instanceof FaultEvent.Pause p) {
            SimHost h = host(p.node());
            if (h.isUp()) {
                h.pauseUntil(p.end());
            }
        }
    }

    /**
     * Called after each step of a node, with whether an fsync just completed before it and
     * whether the step issued a write: the moments an armed crash or a bounce may strike.
     */
    void afterStep(SimHost h, boolean synced, boolean wrote) {
        if (!healed && bounce > 0 && (synced || wrote) && h.isUp() && rng.chance(bounce)) {
            crash(h, new FaultEvent.Crash(time.now(), rng.nextIntInclusive(1, 20), h.index + 1));
            return;
        }
        if (armed.isEmpty() || !armed.containsKey(h.index)) {
            return;
        }
        boolean strike = afterSync.get(h.index) ? synced : h.disk.hasUnsynced();
        if (strike) {
            afterSync.remove(h.index);
            crash(h, armed.remove(h.index));
        }
    }

    void crashNow(int node) {
        FaultEvent.Crash c = armed.remove(node);
        afterSync.remove(node);
        if (c != null && !healed) {
            crash(hosts.get(node), c);
        }
    }

    private void crash(SimHost h, FaultEvent.Crash c) {
        if (!h.isUp()) {
            return;
        }
        crashes++;
        simulation.crash(h);
        if (time.now() + c.duration() < healAt) {
            time.after(c.duration(), new SimEvent.FaultEnd(c));
        }
    }

    void end(FaultEvent f) {
        if (healed) {
            return;
        }
        if (f instanceof FaultEvent.Crash c) {
            SimHost h = host(c.node());
            if (!h.isUp()) {
                simulation.restart(h);
            }
        } else if (resolved.remove(f) instanceof FaultEvent.Partition p) {
            network.apply(p, false);
        }
    }

    /** End of the faults phase: links mend, crashed nodes restart, paused nodes resume. */
    void healAll() {
        healed = true;
        armed.clear();
        afterSync.clear();
        network.heal();
        for (SimHost h : hosts) {
            if (!h.isUp()) {
                simulation.restart(h);
            }
            h.resume();
        }
    }

    /** The fault with {@link FaultEvent#LEADER} replaced by the current leader's number. */
    private FaultEvent resolve(FaultEvent f) {
        if (!namesLeader(f)) {
            return f;
        }
        int leader = currentLeader() + 1;
        if (f instanceof FaultEvent.Partition p && p.side().contains(FaultEvent.LEADER)) {
            List<Integer> side = new ArrayList<>();
            for (int n : p.side()) {
                int node = n == FaultEvent.LEADER ? leader : n;
                if (!side.contains(node)) {
                    side.add(node);
                }
            }
            return new FaultEvent.Partition(p.at(), p.duration(), side, p.mode());
        } else if (f instanceof FaultEvent.Crash c && c.node() == FaultEvent.LEADER) {
            return new FaultEvent.Crash(c.at(), c.duration(), leader);
        } else if (f instanceof FaultEvent.Pause p && p.node() == FaultEvent.LEADER) {
            return new FaultEvent.Pause(p.at(), p.duration(), leader);
        }
        return f;
    }

    private static boolean namesLeader(FaultEvent f) {
        return switch (f) {
            case FaultEvent.Partition p -> p.side().contains(FaultEvent.LEADER);
            case FaultEvent.Crash c -> c.node() == FaultEvent.LEADER;
            case FaultEvent.Pause p -> p.node() == FaultEvent.LEADER;
            case FaultEvent.ClockJump j -> false;
        };
    }

    /**
     * Index of the live leader with the highest term; without one, the live node with the highest
     * term (a candidate, likely the next leader); else 0. Without a leader in the protocol: a node
     * the run's generator picks.
     */
    private int currentLeader() {
        if (!hasLeader) {
            return rng.nextInt(hosts.size());
        }
        int best = 0;
        long bestKey = -1;
        for (SimHost h : hosts) {
            if (h.isUp()) {
                ReplicaStatus s = h.replica().status();
                long term = s.leadership().map(ReplicaStatus.Leadership::term).orElse(0L);
                long key = 2 * term + (s.leading() ? 1 : 0);
                if (key > bestKey) {
                    best = h.index;
                    bestKey = key;
                }
            }
        }
        return best;
    }

    /** Crashes so far, bounces included. */
    int crashes() {
        return crashes;
    }

    private SimHost host(int node) {
        return hosts.get(node - 1);
    }
}
