package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.epaxos.EPaxosMessage.Accept;
import dev.lockstep.epaxos.EPaxosMessage.AcceptReply;
import dev.lockstep.epaxos.EPaxosMessage.Commit;
import dev.lockstep.epaxos.EPaxosMessage.PreAccept;
import dev.lockstep.epaxos.EPaxosMessage.PreAcceptReply;
import dev.lockstep.epaxos.EPaxosMessage.Recover;
import dev.lockstep.epaxos.EPaxosMessage.RecoverReply;
import dev.lockstep.epaxos.EPaxosMessage.Validate;
import dev.lockstep.epaxos.EPaxosMessage.ValidateReply;
import dev.lockstep.epaxos.EPaxosMessage.Waiting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Egalitarian Paxos replica (Moraru, Andersen, Kaminsky, SOSP 2013) with the recovery of
 * EPaxos* (Ryabinin, Gotsman, Sutra, OPODIS 2025) as a pure state machine over {@link Event}s:
 * every replica leads the instances of its own row, and any replica takes a client's command.
 * This class only dispatches: each concern (proposals and batching, replication, recovery,
 * durability, execution, snapshot) lives in its own class; names follow
 * docs/protocols/epaxos-contract.md. After every event the replica runs the local actions the
 * event enabled: waiting recoveries that can now decide, execution, a checkpoint, proposals that
 * were held back.
 */
public final class EPaxosReplica implements Replica {
    private final EPaxosContext ctx;

    public EPaxosReplica(ReplicaConfig config, long seed) {
        this(config, seed, EPaxosConcerns.DEFAULT);
    }

    /** A replica whose concerns come from {@code concerns} (tests build broken variants this way). */
    EPaxosReplica(ReplicaConfig config, long seed, EPaxosConcerns concerns) {
        ctx = new EPaxosContext(config, seed);
        ctx.durability = concerns.durability(ctx);
        ctx.execution = concerns.execution(ctx);
        ctx.snapshot = concerns.snapshot(ctx);
        ctx.forgetting = concerns.forgetting(ctx);
        ctx.recovery = concerns.recovery(ctx);
        ctx.replication = concerns.replication(ctx);
        ctx.proposals = concerns.proposals(ctx);
    }

    @Override
    public NodeId id() {
        return ctx.self;
    }

    @Override
    public Step step(Event event) {
        ctx.state.committedThisStep.clear();
        ctx.state.committedTouchedThisStep.clear();
        switch (event) {
            case Event.Tick t -> {
                ctx.replication.tick();
                ctx.recovery.tick();
                ctx.proposals.tick();
                ctx.forgetting.tick();
            }
            case Event.Receive r -> receive(r.from(), r.message());
            case Event.ClientRequest c -> ctx.proposals.submit(c.id(), c.command());
            case Event.LivePeers l -> {
                ctx.state.livePeers = new java.util.TreeSet<>(l.alive());
                ctx.state.livePeers.remove(ctx.self);
                ctx.replication.livePeersChanged();
            }
            case Event.Persisted p -> { }
            case Event.Recover r -> ctx.durability.recover(r.durable());
        }
        ctx.recovery.recheckWaiting();
        ctx.execution.run();
        ctx.snapshot.maybeCheckpoint();
        ctx.proposals.flush();
        ctx.durability.writeDirty();
        return ctx.out.drain(ctx.out.hasRecords() ? ctx.durability.issuePersist() : 0);
    }

    private void receive(NodeId from, Message message) {
        int pos = ctx.posOf(from);
        if (message instanceof ExecutedFloor f && pos >= 0 && pos != ctx.selfPos()) {
            ctx.forgetting.onExecutedFloor(pos, f);
            return;
        }
        if (!(message instanceof EPaxosMessage m) || pos < 0 || pos == ctx.selfPos() || !fits(m)) {
            return;
        }
        if (ctx.state.space.isForgotten(m.inst())) {
            ctx.tracer.ignored(from, m);
            return;
        }
        int traced = ctx.out.traceCount();
        dispatch(from, m);
        if (ctx.out.traceCount() == traced) {
            ctx.tracer.ignored(from, m);
        }
    }

    /**
     * The handler of {@code m}. One that takes no step (a stale answer, a Commit of an instance
     * already committed, a Recover not above the promise, ...) logs nothing, and {@link #receive}
     * logs the contract's {@code IgnoreMessage} for it.
     */
    private void dispatch(NodeId from, EPaxosMessage m) {
        switch (m) {
            case PreAccept p -> {
                if (from.equals(p.inst().owner())) {
                    ctx.replication.onPreAccept(from, p);
                }
            }
            case PreAcceptReply r -> ctx.replication.onPreAcceptReply(from, r);
            case Accept a -> ctx.replication.onAccept(from, a);
            case AcceptReply r -> ctx.replication.onAcceptReply(from, r);
            case Commit c -> ctx.replication.onCommit(from, c);
            case Recover r -> ctx.recovery.onRecover(from, r);
            case RecoverReply r -> ctx.recovery.onRecoverReply(from, r);
            case Validate v -> ctx.recovery.onValidate(from, v);
            case ValidateReply r -> ctx.recovery.onValidateReply(from, r);
            case Waiting w -> ctx.recovery.onWaiting(from, w);
            case EPaxosMessage.CommitRequest c -> ctx.replication.onCommitRequest(from, c);
        }
    }

    /** Whether a message names only members and its vectors have one number per member (else it is dropped). */
    private boolean fits(EPaxosMessage m) {
        int n = ctx.members.size();
        boolean ok = ctx.posOf(m.inst().owner()) >= 0;
        switch (m) {
            case PreAccept p -> ok &= p.deps().size() == n;
            case PreAcceptReply r -> ok &= r.deps().size() == n;
            case Accept a -> ok &= a.deps().size() == n;
            case Commit c -> ok &= c.deps().size() == n;
            case RecoverReply r -> ok &= r.deps().size() == n && r.initDeps().size() == n;
            case Validate v -> ok &= v.deps().size() == n;
            case ValidateReply r -> ok &= r.conflicts().stream().allMatch(k -> ctx.posOf(k.inst().owner()) >= 0);
            case AcceptReply r -> { }
            case Recover r -> { }
            case Waiting w -> { }
            case EPaxosMessage.CommitRequest c -> { }
        }
        return ok;
    }

    @Override
    public ReplicaStatus status() {
        EPaxosState st = ctx.state;
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("keys", (long) st.machine.store().size());
        counters.put("expires", (long) st.machine.store().keyspace().expiring());
        counters.put("instances", (long) st.space.size());
        counters.put("forgotten", ctx.forgetting.forgottenCount());
        counters.put("nextInstance", st.next);
        counters.put("executed", st.executedCount);
        counters.put("unsettled", (long) st.unsettled.size());
        counters.put("fastCommits", ctx.replication.fastCommits());
        counters.put("slowCommits", ctx.replication.slowCommits());
        counters.put("recoveries", ctx.recovery.started());
        return new ReplicaStatus(ctx.self, "Replica", Optional.empty(), counters);
    }

    /** A read-only view for tests, checkers and the invariants: the instances this replica holds. */
    List<Instance> instances() {
        return ctx.state.space.all();
    }

    EPaxosContext context() {
        return ctx;
    }
}
