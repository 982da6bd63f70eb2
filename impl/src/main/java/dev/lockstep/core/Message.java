package dev.lockstep.core;

/**
 * A protocol message exchanged between replicas. Each protocol declares a sealed sub-interface
 * whose records are its messages (for Raft: {@code dev.lockstep.raft.RaftMessage}). Messages are
 * immutable values with structural equality, so a simulator or trace checker can compare them.
 */
public interface Message {
    /** The sender's term / ballot carried by the message (0 when the protocol has none). */
    long term();

    /**
     * Whether trace lines list this message when it is sent (docs/runtime-contract.md, "Trace
     * lines"). False only for bookkeeping outside the protocol's spec that carries none of its
     * state (EPaxos's executed-floor reports): no line sends or receives it.
     */
    default boolean traced() {
        return true;
    }
}
