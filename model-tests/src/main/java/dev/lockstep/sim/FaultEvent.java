package dev.lockstep.sim;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One scheduled fault of a run's faults phase: it starts at {@code at} (simulated ms) and lasts
 * {@code duration} ms. Nodes are numbered from 1 as in {@code n1}.
 */
public sealed interface FaultEvent {
    /**
     * A node number meaning "the node that leads when the fault starts" (the LEADER with the
     * highest term, else n1; for a protocol without a leader, a node the run's seed picks);
     * written {@code leader} in the text form.
     */
    int LEADER = 0;

    long at();

    long duration();

    default long end() {
        return at() + duration();
    }

    /** Which links a {@link Partition} cuts. */
    enum Mode {
        /** Every link between {@code side} and the other nodes, both ways ({@code part}). */
        SPLIT,
        /** Only messages from the other nodes into {@code side}: it talks but cannot hear ({@code oneway}). */
        ONE_WAY,
        /**
         * The links among the nodes of {@code side}, both ways; all still reach the others
         * ({@code cut}; Jepsen's "bridge" when the others are one node).
         */
        CUT
    }

    record Partition(long at, long duration, List<Integer> side, Mode mode) implements FaultEvent {
        public Partition {
            side = List.copyOf(side);
        }

        /** True when this partition cuts the directed link {@code from -> to} (node numbers). */
        public boolean cuts(int from, int to) {
            boolean fromInside = side.contains(from);
            boolean toInside = side.contains(to);
            return switch (mode) {
                case SPLIT -> fromInside != toInside;
                case ONE_WAY -> !fromInside && toInside;
                case CUT -> fromInside && toInside && from != to;
            };
        }
    }

    /** The node is down for {@code duration} ms, then restarts from its durable records. */
    record Crash(long at, long duration, int node) implements FaultEvent {}

    /** The node processes nothing for {@code duration} ms (its clock runs on meanwhile). */
    record Pause(long at, long duration, int node) implements FaultEvent {}

    /**
     * The node's clock jumps {@code forwardMs} ahead at {@code at} (an NTP step, a VM migration);
     * written {@code jump@<at>+<forwardMs>:<node>}. It is instantaneous: its duration is 0.
     */
    record ClockJump(long at, long forwardMs, int node) implements FaultEvent {
        @Override
        public long duration() {
            return 0;
        }
    }

    /** The text form used by {@code --schedule}: {@code part@100+300:n1,n2}. */
    default String format() {
        String head;
        String nodes;
        if (this instanceof Partition p) {
            head = switch (p.mode()) {
                case SPLIT -> "part";
                case ONE_WAY -> "oneway";
                case CUT -> "cut";
            };
            nodes = p.side().stream().map(FaultEvent::nodeName).collect(Collectors.joining(","));
        } else if (this instanceof Crash c) {
            head = "crash";
            nodes = nodeName(c.node());
        } else if (this instanceof ClockJump j) {
            return "jump@" + at() + "+" + j.forwardMs() + ":" + nodeName(j.node());
        } else {
            head = "pause";
            nodes = nodeName(((Pause) this).node());
        }
        return head + "@" + at() + "+" + duration() + ":" + nodes;
    }

    static String nodeName(int node) {
        return node == LEADER ? "leader" : "n" + node;
    }
}
