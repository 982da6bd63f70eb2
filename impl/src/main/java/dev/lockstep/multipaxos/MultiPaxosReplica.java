package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LogStatus;
import dev.lockstep.common.Role;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrePrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructRequest;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructResponse;
import java.util.Optional;

/**
 * A MultiPaxos replica with a stable leader (Lamport, "Paxos Made Simple" §3; Van Renesse and
 * Altinbuken, "Paxos Made Moderately Complex") as a pure state machine over {@link Event}s: every
 * replica is proposer, acceptor and learner. This class only dispatches: each concern
 * (leadership, replication, catch-up, durability, execution, reads, snapshot) lives in its own
 * class; names follow docs/protocols/multipaxos-contract.md.
 */
public final class MultiPaxosReplica implements Replica {
    private final PaxosContext ctx;
    /** Ghost for {@code CommitIndexMonotonic}: the first regression seen, or null. */
    private String commitRegression;

    public MultiPaxosReplica(ReplicaConfig config, long seed) {
        this(config, seed, PaxosConcerns.DEFAULT);
    }

    /** A replica whose concerns come from {@code concerns} (tests build broken variants this way). */
    MultiPaxosReplica(ReplicaConfig config, long seed, PaxosConcerns concerns) {
        ctx = new PaxosContext(config, seed, concerns);
        ctx.durability = concerns.durability(ctx);
        ctx.execution = concerns.execution(ctx);
        ctx.reads = concerns.reads(ctx);
        ctx.snapshot = concerns.snapshot(ctx);
        ctx.catchUp = concerns.catchUp(ctx);
        ctx.reconstruction = concerns.reconstruction(ctx);
        ctx.replication = concerns.replication(ctx);
        ctx.leadership = concerns.leadership(ctx);
    }

    @Override
    public NodeId id() {
        return ctx.self;
    }

    @Override
    public Step step(Event event) {
        long commitBefore = ctx.state.commitIndex;
        switch (event) {
            case Event.Tick t -> {
                ctx.leadership.tick();
                if (ctx.coding.coded()) {
                    ctx.reconstruction.tick();
                }
            }
            case Event.Receive r -> receive(r.from(), r.message());
            case Event.ClientRequest c -> {
                if (c.command().isReadOnly()) {
                    ctx.reads.submit(c);
                } else {
                    ctx.execution.submit(c);
                }
            }
            case Event.LivePeers l -> { } // no choice here depends on which peers look alive
            case Event.Persisted p -> ctx.durability.onPersisted(p.upTo());
            case Event.Recover r -> {
                ctx.durability.recover(r.durable());
                return drain();
            }
        }
        watchCommit(event, commitBefore);
        return drain();
    }

    private Step drain() {
        return ctx.out.drain(ctx.out.hasRecords() ? ctx.durability.issuePersist() : 0);
    }

    /**
     * Ghost for {@code CommitIndexMonotonic}: within one replica instance the commit index never
     * decreases and no committed slot's value changes (the log reports such a write).
     */
    private void watchCommit(Event event, long commitBefore) {
        if (commitRegression != null) {
            return;
        }
        if (ctx.state.commitIndex < commitBefore) {
            commitRegression = "commitIndex went from " + commitBefore + " to " + ctx.state.commitIndex + " on " + event;
        } else if (ctx.state.log.sealedOverwrite() != null) {
            commitRegression = ctx.state.log.sealedOverwrite() + " on " + event;
        }
    }

    private void receive(NodeId from, Message message) {
        int pos = ctx.members.posOf(from);
        if (!(message instanceof PaxosMessage m) || pos < 0 || pos == ctx.members.selfPos()) {
            return;
        }
        if (showsHigherBallot(m)) {
            ctx.leadership.observeBallot(from, m);
        }
        switch (m) {
            case AcceptRequest r -> ctx.replication.onAcceptRequest(from, r);
            case AcceptResponse r -> ctx.replication.onAcceptResponse(from, r);
            case PrePrepareRequest r -> ctx.leadership.onPrePrepareRequest(from, r);
            case PrePrepareResponse r -> ctx.leadership.onPrePrepareResponse(from, r);
            case PrepareRequest r -> ctx.leadership.onPrepareRequest(from, r);
            case PrepareResponse r -> ctx.leadership.onPrepareResponse(from, r);
            case CatchUpRequest r -> ctx.catchUp.onCatchUp(from, r);
            case InstallSnapshotRequest r -> ctx.snapshot.onInstallSnapshot(from, r);
            case ReconstructRequest r -> ctx.reconstruction.onRequest(from, r);
            case ReconstructResponse r -> ctx.reconstruction.onResponse(from, r);
        }
    }

    /** The guard of spec {@code ObserveBallot}: a response or catch-up/snapshot above our promise. */
    private boolean showsHigherBallot(PaxosMessage m) {
        boolean observable = m instanceof PrepareResponse || m instanceof AcceptResponse
                || m instanceof CatchUpRequest || m instanceof InstallSnapshotRequest;
        return observable && m.ballot() > ctx.state.promised && ctx.state.role != Role.FOLLOWER;
    }

    @Override
    public ReplicaStatus status() {
        PaxosState st = ctx.state;
        return LogStatus.of(ctx.self, PaxosTracer.roleName(st.role), new ReplicaStatus.Leadership(st.promised,
                st.isLeader(), Optional.ofNullable(st.leaderHint)), st.commitIndex, st.appliedIndex(), st.log.len(),
                st.machine.store());
    }

    /** A read-only view of the spec variables, for tests, checkers and operators. */
    public PaxosView view() {
        PaxosState st = ctx.state;
        return new PaxosView(ctx.self, st.promised, st.role, st.commitIndex, st.appliedIndex(),
                st.log.snapshotSlot(), st.log.len(), st.log.lastBal());
    }

    /**
     * The spec variables of one replica at a moment.
     *
     * @param logLen the spec's {@code Len(log[i])} (snapshot included)
     */
    public record PaxosView(NodeId id, long promised, Role role, long commitIndex, long appliedIndex,
            long snapshotSlot, long logLen, long logLastBal) {}

    PaxosState state() {
        return ctx.state;
    }

    PaxosContext context() {
        return ctx;
    }

    int quorum() {
        return ctx.members.quorum();
    }

    String commitRegression() {
        return commitRegression;
    }
}
