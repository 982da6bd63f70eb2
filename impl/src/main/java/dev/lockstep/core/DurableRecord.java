package dev.lockstep.core;

/**
 * One record a replica asks to make durable with {@link Effect.Persist}. Each protocol declares
 * a sealed sub-interface of its record types. A replica's durable state is exactly the sequence
 * of its persisted records: a crashed replica is rebuilt by feeding that sequence back in
 * {@link Event.Recover}.
 */
public interface DurableRecord {
    /**
     * True when this record is a self-contained checkpoint of the replica's whole durable state
     * (e.g. a snapshot plus term, vote and log suffix). Storage may discard every record before
     * the latest durable checkpoint.
     */
    default boolean isCheckpoint() {
        return false;
    }
}
