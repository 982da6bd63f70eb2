package dev.lockstep.sim;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event;
import dev.lockstep.base.Prng;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated failure detector: what each node's runtime would tell its replica about which
 * peers look alive ({@link Event.LivePeers}). At each of its ticks a node's view is the peers that
 * are up and whose links to and from it are not cut; during the faults phase it is now and then
 * wrong about one peer (a slow peer suspected, a dead one trusted), as real detectors are. The
 * view is delivered only when it changes, and after a restart afresh. Every draw comes from the
 * run's seed, so a seed replays every view.
 */
final class SimFailureDetector {
    /** Chance per tick, in the faults phase, that a node's view is wrong about one peer. */
    static final double MISTAKE = 0.02;

    private final List<NodeId> members;
    private final Prng rng;
    private final List<Set<NodeId>> delivered = new ArrayList<>();
    private final int[] incarnation;

    SimFailureDetector(List<NodeId> members, Prng rng) {
        this.members = members;
        this.rng = rng;
        this.incarnation = new int[members.size()];
        for (int k = 0; k < members.size(); k++) {
            delivered.add(null);
        }
    }

    /**
     * The view to deliver to {@code node} at this tick, or null when it has not changed.
     *
     * @param up which nodes are up
     * @param cut whether the link from one node to another is cut
     */
    Event.LivePeers view(int node, int nodeIncarnation, boolean faultPhase, java.util.function.IntPredicate up,
            java.util.function.BiPredicate<Integer, Integer> cut) {
        if (incarnation[node] != nodeIncarnation) {
            incarnation[node] = nodeIncarnation;
            delivered.set(node, null);
        }
        Set<NodeId> alive = new TreeSet<>();
        for (int peer = 0; peer < members.size(); peer++) {
            if (peer != node && up.test(peer) && !cut.test(node, peer) && !cut.test(peer, node)) {
                alive.add(members.get(peer));
            }
        }
        if (faultPhase && members.size() > 1 && rng.chance(MISTAKE)) {
            int wrong = rng.nextInt(members.size() - 1);
            NodeId peer = members.get(wrong >= node ? wrong + 1 : wrong);
            if (!alive.remove(peer)) {
                alive.add(peer);
            }
        }
        if (alive.equals(delivered.get(node))) {
            return null;
        }
        delivered.set(node, alive);
        return new Event.LivePeers(alive);
    }
}
