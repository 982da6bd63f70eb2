package dev.lockstep.sim;

import dev.lockstep.core.DurabilityPromise.DurableWrites;
import dev.lockstep.core.Effect;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The durability promise ({@code DurabilityPromise}): when a replica acknowledges a write, at
 * least {@code copies} nodes' disks hold it <em>synced</em> (a crash of fewer nodes than that
 * cannot lose it). Each node's synced records feed that node's {@link DurableWrites} as the
 * simulated disk makes them durable; at every definite reply to a write the checker counts the
 * nodes whose records hold it.
 */
final class DurabilityChecker {
    private final int copies;
    private final List<DurableWrites> disks = new ArrayList<>();
    private final Map<RequestId, Command> writes = new HashMap<>();

    /** @param disks one observer per node, fed by that node's {@link SimDisk} */
    DurabilityChecker(int copies, List<DurableWrites> disks) {
        this.copies = copies;
        this.disks.addAll(disks);
    }

    /** A client sent {@code command} under {@code id}. */
    void requested(RequestId id, Command command) {
        if (!command.isReadOnly()) {
            writes.put(id, command);
        }
    }

    /** A node executed a reply; returns the broken promise it shows, or null. */
    String replied(String node, Effect.Reply reply) {
        Command write = writes.get(reply.id());
        if (write == null || !reply.result().isDefinite()) {
            return null;
        }
        List<Integer> holders = new ArrayList<>();
        for (int n = 0; n < disks.size(); n++) {
            if (disks.get(n).holds(reply.id())) {
                holders.add(n + 1);
            }
        }
        if (holders.size() >= copies) {
            return null;
        }
        return node + " acknowledged write " + reply.id() + " (" + write + ") while " + holders.size()
                + " disk" + (holders.size() == 1 ? "" : "s") + " " + holders + " held it synced; the protocol promises "
                + copies;
    }
}
