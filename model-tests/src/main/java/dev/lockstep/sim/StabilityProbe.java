package dev.lockstep.sim;

import dev.lockstep.core.ReplicaStatus;
import java.util.List;

/**
 * The calm phase's stability check, apart from safety and liveness (issue 19; Raft thesis §9.6):
 * a healthy leader is not disrupted. Once a run has settled (every fault healed, a leader
 * elected, every client done), the probe cuts one follower F off from every other node for
 * {@code phaseMs} (several election timeouts), then reconnects F to every node but the leader L
 * for as long (a partial partition: F hears no leader, the others do), then heals the last link
 * and watches for as long again. Throughout, L, the leader of term T the probe found, connected
 * to a majority, must keep leading T; at the end every node must be in term T, F included.
 * While F cannot hear L its election timer fires and its vote requests reach the other
 * followers: a voter that still hears L must refuse them (PreVote: a voter that hears a leader
 * grants no pre-vote), or F wins a new term and deposes L. A core without PreVote, or with it
 * broken, fails.
 *
 * <p>Only for a protocol with a leader. The probe changes nothing before the run settles, so
 * every other check sees the run it saw without it.
 */
final class StabilityProbe {
    /** Where the probe is. */
    enum Phase { WAITING, ISOLATED, LEADER_UNHEARD, REJOINED, DONE }

    private final long phaseMs;
    private Phase phase = Phase.WAITING;
    private int leader = -1;
    private int follower = -1;
    private long term;
    private FaultEvent.Partition cut;
    private String noLeader;

    /** @param phaseMs how long each phase of the probe lasts */
    StabilityProbe(long phaseMs) {
        this.phaseMs = phaseMs;
    }

    /** A probe that never starts (a protocol that promises no stable leader). */
    static StabilityProbe none() {
        StabilityProbe p = new StabilityProbe(0);
        p.phase = Phase.DONE;
        return p;
    }

    boolean done() {
        return phase == Phase.DONE;
    }

    boolean waiting() {
        return phase == Phase.WAITING;
    }

    long phaseMs() {
        return phaseMs;
    }

    /** The partition in force now (null: none). */
    FaultEvent.Partition cut() {
        return cut;
    }

    /**
     * Starts the probe: finds the leader (leading the highest term, every node up) and the first
     * other node, and cuts that node off (see {@link #cut()}). Without such a leader the probe is
     * over and {@link #check} reports it.
     */
    void start(long now, List<SimHost> hosts) {
        int found = hosts.stream().allMatch(SimHost::isUp) ? LivenessChecker.leaderAtMaxTerm(hosts) : -1;
        if (found < 0) {
            phase = Phase.DONE;
            noLeader = "no leader at the highest term once the run settled; nodes: " + LivenessChecker.statuses(hosts);
            return;
        }
        leader = found;
        term = termOf(hosts.get(found));
        follower = found == 0 ? 1 : 0;
        phase = Phase.ISOLATED;
        cut = new FaultEvent.Partition(now, phaseMs, List.of(follower + 1), FaultEvent.Mode.SPLIT);
    }

    /** The next phase (its partition in {@link #cut()}); false once the probe is over. */
    boolean advance(long now) {
        switch (phase) {
            case ISOLATED -> {
                phase = Phase.LEADER_UNHEARD;
                cut = new FaultEvent.Partition(now, phaseMs,
                        List.of(Math.min(follower, leader) + 1, Math.max(follower, leader) + 1), FaultEvent.Mode.CUT);
            }
            case LEADER_UNHEARD -> {
                phase = Phase.REJOINED;
                cut = null;
            }
            default -> {
                phase = Phase.DONE;
                cut = null;
            }
        }
        return phase != Phase.DONE;
    }

    /** What the probe watches, or null if all is well; {@code ending}: the watch is over. */
    String check(List<SimHost> hosts, boolean ending) {
        if (noLeader != null || leader < 0) {
            return noLeader;
        }
        SimHost l = hosts.get(leader);
        String f = hosts.get(follower).id.toString();
        ReplicaStatus ls = l.isUp() ? l.replica().status() : null;
        if (ls == null || !ls.leading() || LivenessChecker.termOf(ls) != term) {
            return "the leader " + l.id + " of term " + term + ", connected to every node but " + f
                    + " (which the stability probe " + switch (phase) {
                        case ISOLATED -> "cut off";
                        case LEADER_UNHEARD -> "cut off, then reconnected to all but the leader";
                        default -> "cut off, reconnected to all but the leader, then to all";
                    } + "), was deposed; nodes: " + LivenessChecker.statuses(hosts);
        }
        if (ending) {
            for (SimHost h : hosts) {
                if (termOf(h) != term) {
                    return h.id + " is in term " + termOf(h) + ", not the leader's " + term + ", " + phaseMs
                            + "ms after " + f + " rejoined; nodes: " + LivenessChecker.statuses(hosts);
                }
            }
        }
        return null;
    }

    private static long termOf(SimHost h) {
        return LivenessChecker.termOf(h.replica().status());
    }
}
