package dev.lockstep.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Orders of a log that a partial-order protocol may apply: linear extensions of its conflict order. */
final class KvOrders {
    private KvOrders() {}

    /**
     * A linear extension of the log's conflict order drawn by {@code rng}: each step takes a
     * random entry whose conflicting predecessors in the log were all taken already.
     */
    static List<Integer> linearExtension(List<RequestId> ids, List<Command> log, SplittableRandom rng) {
        List<Integer> order = new ArrayList<>();
        boolean[] taken = new boolean[log.size()];
        while (order.size() < log.size()) {
            List<Integer> ready = new ArrayList<>();
            for (int k = 0; k < log.size(); k++) {
                if (!taken[k] && earlierConflictsTaken(ids, log, taken, k)) {
                    ready.add(k);
                }
            }
            int pick = ready.get(rng.nextInt(ready.size()));
            taken[pick] = true;
            order.add(pick);
        }
        return order;
    }

    private static boolean earlierConflictsTaken(List<RequestId> ids, List<Command> log, boolean[] taken, int k) {
        for (int j = 0; j < k; j++) {
            if (!taken[j] && Conflicts.conflict(ids.get(j), log.get(j), ids.get(k), log.get(k))) {
                return false;
            }
        }
        return true;
    }
}
