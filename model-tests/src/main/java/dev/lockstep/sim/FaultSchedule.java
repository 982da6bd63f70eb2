package dev.lockstep.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The explicit faults of a run, in start order. Derived from the seed by
 * {@link ScenarioGenerator}, generated (and shrunk) by jqwik properties, or given on the command
 * line with {@code --schedule "part@100+300:n1 crash@900+400:n2 pause@1200+80:n3"}.
 */
public record FaultSchedule(List<FaultEvent> events) {
    public FaultSchedule {
        List<FaultEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(FaultEvent::at));
        events = List.copyOf(sorted);
    }

    public static final FaultSchedule EMPTY = new FaultSchedule(List.of());

    public String format() {
        return events.stream().map(FaultEvent::format).collect(Collectors.joining(" "));
    }

    /** Parses {@link #format()}'s text; throws IllegalArgumentException naming the bad item. */
    public static FaultSchedule parse(String text, int clusterSize) {
        List<FaultEvent> events = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (!item.isEmpty()) {
                events.add(parseItem(item, clusterSize));
            }
        }
        return new FaultSchedule(events);
    }

    private static FaultEvent parseItem(String item, int clusterSize) {
        try {
            int atSign = item.indexOf('@');
            int plus = item.indexOf('+', atSign);
            int colon = item.indexOf(':', plus);
            String kind = item.substring(0, atSign);
            long at = Long.parseLong(item.substring(atSign + 1, plus));
            long duration = Long.parseLong(item.substring(plus + 1, colon));
            List<Integer> nodes = new ArrayList<>();
            for (String n : item.substring(colon + 1).split(",")) {
                int node = n.equals("leader") ? FaultEvent.LEADER
                        : Integer.parseInt(n.startsWith("n") ? n.substring(1) : n);
                if (node < 0 || node > clusterSize) {
                    throw new IllegalArgumentException("node n" + node + " not in a cluster of " + clusterSize);
                }
                nodes.add(node);
            }
            if (at < 0 || duration < 0) {
                throw new IllegalArgumentException("negative time");
            }
            return switch (kind) {
                case "part" -> new FaultEvent.Partition(at, duration, nodes, FaultEvent.Mode.SPLIT);
                case "oneway" -> new FaultEvent.Partition(at, duration, nodes, FaultEvent.Mode.ONE_WAY);
                case "cut" -> new FaultEvent.Partition(at, duration, nodes, FaultEvent.Mode.CUT);
                case "crash" -> new FaultEvent.Crash(at, duration, single(nodes));
                case "pause" -> new FaultEvent.Pause(at, duration, single(nodes));
                case "jump" -> new FaultEvent.ClockJump(at, duration, named(single(nodes)));
                default -> throw new IllegalArgumentException("unknown fault '" + kind + "'");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad schedule item '" + item
                    + "' (expected e.g. part@100+300:n1,n2 oneway@.. cut@.. crash@900+400:leader pause@.. jump@500+2000:n2): " + e.getMessage(), e);
        }
    }

    /** A clock jump is part of a node's clock from the start: it names its node. */
    private static int named(int node) {
        if (node == FaultEvent.LEADER) {
            throw new IllegalArgumentException("a clock jump names its node (n1, n2, ...), not the leader");
        }
        return node;
    }

    private static int single(List<Integer> nodes) {
        if (nodes.size() != 1) {
            throw new IllegalArgumentException("crash, pause and jump take one node");
        }
        return nodes.get(0);
    }
}
