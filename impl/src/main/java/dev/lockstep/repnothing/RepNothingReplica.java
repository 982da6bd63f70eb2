package dev.lockstep.repnothing;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LogStatus;
import dev.lockstep.core.Event;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;

/**
 * RepNothing (Summerset's baseline without replication): one replica logs a client's write,
 * executes it and answers once it is durable; reads are answered from the state machine. This
 * class only dispatches; names follow docs/protocols/repnothing-contract.md.
 */
public final class RepNothingReplica implements Replica {
    private final RepNothingContext ctx;

    public RepNothingReplica(ReplicaConfig config, long seed) {
        this(config, RepNothingConcerns.DEFAULT);
    }

    /** A replica whose concerns come from {@code concerns} (tests build broken variants this way). */
    RepNothingReplica(ReplicaConfig config, RepNothingConcerns concerns) {
        ctx = new RepNothingContext(config);
        ctx.durability = concerns.durability(ctx);
        ctx.execution = concerns.execution(ctx);
        ctx.reads = concerns.reads(ctx);
        ctx.snapshot = concerns.snapshot(ctx);
    }

    @Override
    public NodeId id() {
        return ctx.self;
    }

    @Override
    public Step step(Event event) {
        switch (event) {
            case Event.Tick t -> { }
            case Event.Receive r -> { }
            case Event.ClientRequest c -> {
                if (c.command().isReadOnly()) {
                    ctx.reads.submit(c);
                } else {
                    ctx.execution.submit(c);
                }
            }
            case Event.LivePeers l -> { } // no choice here depends on which peers look alive
            case Event.Persisted p -> ctx.durability.onPersisted(p.upTo());
            case Event.Recover r -> ctx.durability.recover(r.durable());
        }
        return ctx.out.drain(ctx.out.hasRecords() ? ctx.durability.issuePersist() : 0);
    }

    @Override
    public ReplicaStatus status() {
        RepNothingState st = ctx.state;
        return LogStatus.of(ctx.self, "Replica", null, ctx.durability.durable(), st.log.applied(), st.log.length(),
                st.log.machine().store());
    }

    RepNothingState state() {
        return ctx.state;
    }
}
