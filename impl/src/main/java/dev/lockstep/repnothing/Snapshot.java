package dev.lockstep.repnothing;

import dev.lockstep.common.SnapshotPolicy;

/** Compaction: every {@code snapshotEvery} executed entries, a checkpoint of the state machine. */
class Snapshot {
    protected final RepNothingContext ctx;
    protected final RepNothingState st;
    private final SnapshotPolicy policy;

    Snapshot(RepNothingContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        this.policy = new SnapshotPolicy(ctx.config.parameters().get(RepNothingProtocol.SNAPSHOT_EVERY));
    }

    void maybeCompact() {
        if (policy.due(st.log.applied(), st.log.snapshotAt())) {
            st.log.takeSnapshot();
            ctx.durability.checkpoint();
        }
    }
}
