package dev.lockstep.core;

import dev.lockstep.kv.RequestId;
import java.util.function.Supplier;

/**
 * How many disks hold a write once a client has its acknowledgement, and how to see a write on
 * a disk. The simulator's durability checker counts, at the moment a replica acknowledges a
 * write, the simulated disks whose <em>synced</em> records hold it; fewer than {@link Copies}
 * is a violation. A write on that many disks survives crashes of fewer nodes.
 *
 * @param copies the promised number of copies
 * @param tracker a fresh observer of one disk's durable records
 */
public record DurabilityPromise(Copies copies, Supplier<DurableWrites> tracker) {

    /** The promised copies for a cluster of {@code clusterSize} with these parameters. */
    @FunctionalInterface
    public interface Copies {
        int of(int clusterSize, Parameters parameters);
    }

    /**
     * Watches one replica's records as they become durable (in the order they were persisted,
     * across restarts of the replica) and says which client writes they hold.
     */
    public interface DurableWrites {
        void durable(DurableRecord record);

        /** True when the durable records seen so far hold the write {@code id}. */
        boolean holds(RequestId id);
    }
}
