package dev.lockstep.simplepush;

import dev.lockstep.common.SnapshotPolicy;

/** Compaction: every {@code snapshotEvery} executed entries, a checkpoint of the state machine. */
class Snapshot {
    protected final SimplePushContext ctx;
    private final SnapshotPolicy policy;

    Snapshot(SimplePushContext ctx) {
        this.ctx = ctx;
        this.policy = new SnapshotPolicy(ctx.config.parameters().get(SimplePushProtocol.SNAPSHOT_EVERY));
    }

    void maybeCompact() {
        if (policy.due(ctx.state.log.applied(), ctx.state.log.snapshotAt())) {
            ctx.state.log.takeSnapshot();
            ctx.durability.checkpoint();
        }
    }
}
