package dev.lockstep.sim;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Effect;
import dev.lockstep.core.ExecutionPosition;
import dev.lockstep.lin.Describe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Agreement of applied orders under a partial execution order: every node applies the writes
 * of one key, of one client session, and every session expiry, in one order, and the same
 * command at the same execution position with the same result everywhere.
 *
 * <p>For each key the checker keeps the order seen so far (the longest known sequence of
 * positions). A node incarnation's applies to that key must move forward along it; a command no
 * node applied before may only follow the last known one. A node that restarts from a snapshot,
 * or installs one, may skip ahead; skipping a command in the middle of one incarnation is not
 * detected here (its reads would show it to the linearizability checker). Reads are not ordered
 * among themselves by a partial order, so they are left out.
 */
final class KeyOrderChecker {
    /** The ordering key of every expiry (it conflicts with everything). */
    private static final String EXPIRY = "*expire";

    private final Map<String, List<ExecutionPosition>> orders = new HashMap<>();
    private final Map<String, Map<ExecutionPosition, Integer>> positions = new HashMap<>();
    private final Map<ExecutionPosition, Effect.Apply> firstApply = new HashMap<>();
    private final Map<ExecutionPosition, String> firstNode = new HashMap<>();
    /** Per node and incarnation ("n2/3"): per ordering key, the index in the order last applied. */
    private final Map<String, Map<String, Integer>> cursors = new HashMap<>();

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
        Map<String, Integer> cursor = cursors.computeIfAbsent(node + "/" + incarnation, k -> new HashMap<>());
        for (String key : orderingKeys(a)) {
            String problem = advance(node, key, cursor, a);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String advance(String node, String key, Map<String, Integer> cursor, Effect.Apply a) {
        List<ExecutionPosition> order = orders.computeIfAbsent(key, k -> new ArrayList<>());
        Map<ExecutionPosition, Integer> index = positions.computeIfAbsent(key, k -> new HashMap<>());
        Integer at = index.get(a.position());
        Integer last = cursor.get(key);
        if (at == null) {
            if (last != null && last != order.size() - 1) {
                return node + " applied " + describe(a) + " on " + key + " right after " + order.get(last)
                        + ", but " + order.get(last + 1) + " follows " + order.get(last) + " there";
            }
            at = order.size();
            order.add(a.position());
            index.put(a.position(), at);
        } else if (last != null && at <= last) {
            return node + " applied " + describe(a) + " on " + key + " after " + order.get(last)
                    + ", but elsewhere it came before it";
        }
        cursor.put(key, at);
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
