package dev.lockstep.sim;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.Traits;
import java.util.ArrayList;
import java.util.List;

/**
 * Which checkers a run applies, chosen from the protocol's {@link Traits} (never from its name),
 * each with the reason a report prints: the protocol's own invariants always; election safety
 * over the run and a leader in the liveness check only with a leader; agreement of applied logs
 * for a total order, of every key's applied order for a partial one, none without an order;
 * linearizability of the history for a linearizable protocol; durability of acknowledged writes
 * wherever the protocol makes a durability promise (always for a durable-only one); the calm
 * phase's stability probe for a protocol that promises a stable leader.
 *
 * @param durableCopies the copies every acknowledged write must have, or 0 for no durability check
 * @param lines one line per checker: what it checks and why it runs or not
 */
public record CheckerPlan(boolean invariants, boolean leaderHistory, Traits.ExecutionOrder appliedOrder,
        boolean linearizability, int durableCopies, boolean leaderForLiveness, boolean stability, List<String> lines) {

    public CheckerPlan {
        lines = List.copyOf(lines);
    }

    /** The plan for {@code protocol} on a cluster of {@code clusterSize} with {@code options}' parameters. */
    public static CheckerPlan of(Protocol protocol, SimOptions options) {
        Traits t = protocol.traits();
        List<String> lines = new ArrayList<>();
        lines.add("invariants: " + protocol.specModule() + "'s safety invariants after every step (every protocol)");
        boolean leader = t.hasLeader();
        lines.add((leader ? "" : "not run: ") + "leader history: at most one leader per term over the whole run ("
                + (leader ? "has a leader" : "no leader") + ")");
        lines.add(switch (t.order()) {
            case TOTAL -> "applied-log agreement: the same command and result at every slot (execution order: total)";
            case PARTIAL -> "per-key order agreement: every key's writes applied in one order (execution order: partial)";
            case NONE -> "not run: applied-order agreement (execution order: none)";
        });
        boolean lin = t.guarantee() == Traits.Guarantee.LINEARIZABLE;
        lines.add((lin ? "" : "not run: ") + "linearizability of the client history (guarantee: "
                + t.guarantee().text() + ")");
        int copies = protocol.durability().map(d -> d.copies().of(options.clusterSize(), options.parameters()))
                .orElse(0);
        lines.add(copies > 0 ? "durability: every acknowledged write on " + copies + " synced disk"
                + (copies == 1 ? "" : "s") + " when acknowledged (the protocol promises " + copies + ")"
                : "not run: durability of acknowledged writes (the protocol states no promise; its guarantee covers it)");
        lines.add("liveness: after the heal, " + (leader ? "a leader and " : "") + "answers within "
                + options.livenessMs() + " ms, then steady progress (" + (leader ? "has a leader" : "no leader") + ")");
        boolean stable = t.leadership() == Traits.Leadership.STABLE_LEADER;
        lines.add((stable ? "" : "not run: ") + "stability: once settled, a follower cut off, then reconnected"
                + " to all but the leader, then to all (" + Simulation.probeMs(options) + " ms each) does not depose"
                + " the leader, and every node ends in the leader's term (" + (stable ? "promises a stable leader"
                        : leader ? "a leader, no stability promise" : "no leader") + ")");
        return new CheckerPlan(true, leader, t.order(), lin, copies, leader, stable, lines);
    }
}
