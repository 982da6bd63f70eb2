package dev.lockstep.simplepush;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LogStatus;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SimplePush (Summerset's replication baseline): a replica logs a client's write, pushes it to
 * {@code K} peers and answers once it is durable locally and every peer acknowledged; no order
 * across replicas. This class only dispatches; names follow
 * docs/protocols/simplepush-contract.md.
 */
public final class SimplePushReplica implements Replica {
    private final SimplePushContext ctx;

    public SimplePushReplica(ReplicaConfig config, long seed) {
        this(config, SimplePushConcerns.DEFAULT);
    }

    /** A replica whose concerns come from {@code concerns} (tests build broken variants this way). */
    SimplePushReplica(ReplicaConfig config, SimplePushConcerns concerns) {
        ctx = new SimplePushContext(config);
        ctx.durability = concerns.durability(ctx);
        ctx.replication = concerns.replication(ctx);
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
            case Event.Tick t -> ctx.replication.tick();
            case Event.Receive r -> receive(r.from(), r.message());
            case Event.ClientRequest c -> {
                if (c.command().isReadOnly()) {
                    ctx.reads.submit(c);
                } else {
                    ctx.replication.submit(c);
                }
            }
            case Event.LivePeers l -> { } // no choice here depends on which peers look alive
            case Event.Persisted p -> ctx.durability.onPersisted(p.upTo());
            case Event.Recover r -> ctx.durability.recover(r.durable());
        }
        return ctx.out.drain(ctx.out.hasRecords() ? ctx.durability.issuePersist() : 0);
    }

    private void receive(NodeId from, Message message) {
        int pos = ctx.members.posOf(from);
        if (!(message instanceof PushMessage m) || pos < 0 || pos == ctx.members.selfPos()) {
            return;
        }
        switch (m) {
            case PushMessage.Push p -> ctx.replication.onPush(from, p);
            case PushMessage.PushAck a -> ctx.replication.onPushAck(from, a);
        }
    }

    @Override
    public ReplicaStatus status() {
        ReplicaStatus log = LogStatus.of(ctx.self, "Replica", null, ctx.durability.durable(),
                ctx.state.log.applied(), ctx.state.log.length(), ctx.state.log.machine().store());
        Map<String, Long> counters = new LinkedHashMap<>(log.counters());
        counters.put("pendingWrites", (long) ctx.replication.pendingCount());
        return new ReplicaStatus(ctx.self, log.role(), Optional.empty(), counters);
    }

    SimplePushState state() {
        return ctx.state;
    }
}
