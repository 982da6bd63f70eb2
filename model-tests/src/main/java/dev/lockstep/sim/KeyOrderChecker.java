package dev.lockstep.sim;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Effect;
import dev.lockstep.core.ExecutionPosition;
import dev.lockstep.lin.Describe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Agreement of applied orders under a partial execution order: every node applies the writes
 * of one key, of one client session, and every session expiry, in one order, and the same
 * command at the same execution position with the same result everywhere.
 *
 * <p>For each key the checker keeps what the nodes showed about that order: an edge {@code a ->
 * b} whenever a node incarnation applied {@code b} next after {@code a} on that key. Orders agree
 * as long as these edges form no cycle; a new edge that closes one is a disagreement. Only order
 * facts are used, never "nothing came between": a node that restarts from a snapshot, or installs
 * one, continues after commands it holds without having shown their applies. A node that skips a
 * command in the middle of one incarnation is therefore not caught here but by the
 * linearizability checker (its reads show it) and the protocol's invariants.
 */
final class KeyOrderChecker {
    /** The ordering key of every expiry (it conflicts with everything). */
    private static final String EXPIRY = "*expire";

    /** Per key: each position's known successors. */
    private final Map<String, Map<ExecutionPosition, Set<ExecutionPosition>>> after = new HashMap<>();
    private final Map<ExecutionPosition, Effect.Apply> firstApply = new HashMap<>();
    private final Map<ExecutionPosition, String> firstNode = new HashMap<>();
    /** Per node and incarnation ("n2/3"): per ordering key, the position last applied. */
    private final Map<String, Map<String, ExecutionPosition>> cursors = new HashMap<>();

    /** Records an apply; returns the disagreement it shows, or null. */
    String onApply(String node, int incarnation, Effect.Apply a) {
        Effect.Apply first = firstApply.putIfAbsent(a.position(), a);
        if (first != null && !same(first, a)) {
            return "two commands at " + a.position() + ": " + firstNode.get(a.position()) + " applied "
                    + describe(first) + " but " + node + " applied " + describe(a);
        }
        firstNode.putIfAbsent(a.position(), node);
        if (a.command().isReadOnly()) {
            return null;
        }
        Map<String, ExecutionPosition> cursor = cursors.computeIfAbsent(node + "/" + incarnation, k -> new HashMap<>());
        for (String key : orderingKeys(a)) {
            String problem = advance(node, key, cursor, a);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String advance(String node, String key, Map<String, ExecutionPosition> cursor, Effect.Apply a) {
        Map<ExecutionPosition, Set<ExecutionPosition>> edges = after.computeIfAbsent(key, k -> new HashMap<>());
        ExecutionPosition last = cursor.put(key, a.position());
        if (last == null || last.equals(a.position())) {
            return null;
        }
        List<ExecutionPosition> back = path(edges, a.position(), last);
        if (back != null) {
            return node + " applied " + describe(a) + " on " + key + " after " + last + ", but elsewhere "
                    + String.join(" before ", back.stream().map(Object::toString).toList());
        }
        edges.computeIfAbsent(last, k -> new HashSet<>()).add(a.position());
        return null;
    }

    /** A path of known successors from {@code from} to {@code to}, or null. */
    private static List<ExecutionPosition> path(Map<ExecutionPosition, Set<ExecutionPosition>> edges,
            ExecutionPosition from, ExecutionPosition to) {
        Map<ExecutionPosition, ExecutionPosition> parent = new HashMap<>();
        ArrayDeque<ExecutionPosition> todo = new ArrayDeque<>(List.of(from));
        parent.put(from, from);
        while (!todo.isEmpty()) {
            ExecutionPosition p = todo.poll();
            if (p.equals(to)) {
                List<ExecutionPosition> path = new ArrayList<>();
                for (ExecutionPosition q = to; !q.equals(from); q = parent.get(q)) {
                    path.add(0, q);
                }
                path.add(0, from);
                return path;
            }
            for (ExecutionPosition next : edges.getOrDefault(p, Set.of())) {
                if (parent.putIfAbsent(next, p) == null) {
                    todo.add(next);
                }
            }
        }
        return null;
    }

    /** The keys the write touches, its client session, or the expiry order. */
    private static List<String> orderingKeys(Effect.Apply a) {
        List<String> keys = new ArrayList<>();
        if (a.command() instanceof dev.lockstep.kv.Command.ExpireSessions) {
            keys.add(EXPIRY);
            return keys;
        }
        for (Bytes k : a.keys()) {
            keys.add("key " + k);
        }
        if (a.id() != null) {
            keys.add("session " + a.id().client());
        }
        return keys;
    }

    private static boolean same(Effect.Apply x, Effect.Apply y) {
        return Objects.equals(x.id(), y.id()) && Objects.equals(x.command(), y.command())
                && Objects.equals(x.result(), y.result());
    }

    private static String describe(Effect.Apply a) {
        return "[" + a.position() + " " + a.id() + " " + Describe.command(a.command()) + " -> "
                + Describe.result(a.result()) + "]";
    }
}
