package dev.lockstep.sim;

import dev.lockstep.core.Effect;
import dev.lockstep.lin.Describe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * State machine safety as the nodes' {@link Effect.Apply} effects show it (Raft §5.4.3): every node
 * applies the same request, command and result at each index, and each node incarnation applies
 * increasing indices.
 */
final class AppliedLogChecker {
    private final List<Effect.Apply> firstApplied = new ArrayList<>();
    private final List<String> firstNode = new ArrayList<>();
    private final long[] lastIndex;
    private final int[] lastIncarnation;

    AppliedLogChecker(int nodes) {
        lastIndex = new long[nodes];
        lastIncarnation = new int[nodes];
        Arrays.fill(lastIndex, 0);
    }

    /** Records an apply; returns a description of the disagreement it shows, or null. */
    String onApply(int node, String nodeName, int incarnation, Effect.Apply a) {
        if (incarnation != lastIncarnation[node]) {
            lastIncarnation[node] = incarnation;
            lastIndex[node] = 0;
        }
        if (a.slot() <= lastIndex[node]) {
            return nodeName + " applied index " + a.slot() + " after index " + lastIndex[node];
        }
        lastIndex[node] = a.slot();
        if (a.slot() > Integer.MAX_VALUE - 1) {
            return nodeName + " applied an index beyond the checker's range: " + a.slot();
        }
        int i = (int) a.slot() - 1;
        while (firstApplied.size() <= i) {
            firstApplied.add(null);
            firstNode.add(null);
        }
        Effect.Apply first = firstApplied.get(i);
        if (first == null) {
            firstApplied.set(i, a);
            firstNode.set(i, nodeName);
            return null;
        }
        if (!Objects.equals(first.id(), a.id()) || !Objects.equals(first.command(), a.command())
                || !Objects.equals(first.result(), a.result())) {
            return "applied logs disagree at index " + a.slot() + ": " + firstNode.get(i) + " applied "
                    + describe(first) + " but " + nodeName + " applied " + describe(a);
        }
        return null;
    }

    private static String describe(Effect.Apply a) {
        return "[" + a.id() + " " + Describe.command(a.command()) + " -> " + Describe.result(a.result()) + "]";
    }
}
