package dev.lockstep.epaxos;

import dev.lockstep.core.Message;

/**
 * The sender has executed, in every owner's row, every instance up to {@code floor} (not in the
 * papers, and not a message of EPaxos.tla: it carries no protocol state). Replicas send it every
 * {@code forgetTicks}; once every replica reported an instance executed, each may forget it
 * ({@link Forgetting}). It names no instance, so it is neither traced nor an {@link EPaxosMessage}.
 */
record ExecutedFloor(Deps floor) implements Message {
    @Override
    public long term() {
        return 0;
    }

    @Override
    public boolean traced() {
        return false;
    }
}
