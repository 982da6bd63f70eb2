package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LogStatus;
import dev.lockstep.common.Role;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.FetchShardsRequest;
import dev.lockstep.raft.RaftMessage.FetchShardsResponse;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import dev.lockstep.raft.RaftMessage.ReconstructRequest;
import dev.lockstep.raft.RaftMessage.ReconstructResponse;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;
import java.util.Optional;

/**
 * A Raft replica (Ongaro and Ousterhout, "In Search of an Understandable Consensus Algorithm",
 * with PreVote and ReadIndex from Ongaro's thesis) as a pure state machine over
 * {@link Event}s. This class only dispatches: each concern (leadership, replication,
 * durability, execution, reads, snapshot) lives in its own class; names follow
 * docs/protocols/raft-contract.md.
 */
public final class RaftReplica implements Replica {
    private static final long UNCHECKED = Long.MIN_VALUE;
    private final RaftContext ctx;
    /** Ghost for {@code CommittedIndexMonotonic}: the first regression seen, or null. */
    private String commitRegression;
    /** Ghost for {@code LeaderCommitsOwnTerm}: the first commit by counting an older term's entry, or null. */
    private String oldTermCommit;

    public RaftReplica(ReplicaConfig config, long seed) {
        this(config, seed, RaftConcerns.DEFAULT);
    }

    /** A replica whose concerns come from {@code concerns} (tests build broken variants this way). */
    RaftReplica(ReplicaConfig config, long seed, RaftConcerns concerns) {
        ctx = new RaftContext(config, seed);
        ctx.durability = concerns.durability(ctx);
        ctx.execution = concerns.execution(ctx);
        ctx.reads = concerns.reads(ctx);
        ctx.snapshot = concerns.snapshot(ctx);
        ctx.replication = concerns.replication(ctx);
        ctx.leadership = concerns.leadership(ctx);
        if (concerns.erasureCoded()) {
            ctx.craft = concerns.craft(ctx);
            ctx.state.log.useIdentityFingerprints();
        }
    }

    @Override
    public NodeId id() {
        return ctx.self;
    }

    @Override
    public Step step(Event event) {
        long commitBefore = ctx.state.commitIndex;
        long snapshotBefore = ctx.state.log.snapshotIndex();
        long committedBefore = committedFingerprint(snapshotBefore, commitBefore);
        boolean leaderBefore = ctx.state.isLeader();
        long termBefore = ctx.state.currentTerm;
        switch (event) {
            case Event.Tick t -> {
                ctx.leadership.tick();
                if (ctx.craft != null) {
                    ctx.craft.recovery.tick();
                    ctx.craft.fetch.tick();
                }
            }
            case Event.Receive r -> receive(r.from(), r.message());
            case Event.ClientRequest c -> clientRequest(c);
            case Event.LivePeers l -> {
                if (ctx.craft != null) {
                    ctx.craft.onLivePeers(l.alive()); // CRaft's mode follows the failure detector
                }
            }
            case Event.Persisted p -> ctx.durability.onPersisted(p.upTo());
            case Event.Recover r -> {
                ctx.durability.recover(r.durable());
                return drain();
            }
        }
        watchCommitted(event, commitBefore, snapshotBefore, committedBefore);
        if (leaderBefore) {
            watchLeaderCommit(event, termBefore, commitBefore);
        }
        return drain();
    }

    /**
     * Ghost for the spec's {@code LeaderCommitsOwnTerm} (Raft §5.4.2, the rule Figure 8
     * motivates): while a replica leads one term, its commit index only moves to an entry of that
     * term; earlier entries are committed indirectly, never by counting replicas.
     */
    private void watchLeaderCommit(Event event, long termBefore, long commitBefore) {
        RaftState st = ctx.state;
        if (oldTermCommit != null || !st.isLeader() || st.currentTerm != termBefore
                || st.commitIndex <= commitBefore) {
            return;
        }
        long entryTerm = st.log.termAt(st.commitIndex);
        if (entryTerm != st.currentTerm) {
            oldTermCommit = "leader of term " + st.currentTerm + " committed index " + st.commitIndex
                    + " of term " + entryTerm + " by counting, on " + event;
        }
    }

    private Step drain() {
        return ctx.out.drain(ctx.out.hasRecords() ? ctx.durability.issuePersist() : 0);
    }

    /**
     * Ghost for the spec's {@code CommittedIndexMonotonic}: the commit index never decreases and
     * the committed entries never change (compared by fingerprint in O(1); not across a step
     * that moved the snapshot, whose compaction or installation changes no committed entry).
     */
    private void watchCommitted(Event event, long commitBefore, long snapshotBefore, long committedBefore) {
        if (commitRegression != null) {
            return;
        }
        RaftState st = ctx.state;
        if (st.commitIndex < commitBefore) {
            commitRegression = "commitIndex went from " + commitBefore + " to " + st.commitIndex + " on " + event;
        } else if (st.log.snapshotIndex() == snapshotBefore && committedBefore != UNCHECKED
                && committedFingerprint(snapshotBefore, commitBefore) != committedBefore) {
            commitRegression = "a committed entry at or below index " + commitBefore + " changed on " + event;
        }
    }

    private long committedFingerprint(long snapshotIndex, long commit) {
        RaftLog log = ctx.state.log;
        if (commit > log.lastIndex()) {
            return UNCHECKED;
        }
        return commit <= snapshotIndex ? 0 : log.rangeFingerprint(snapshotIndex, commit);
    }

    private void receive(NodeId from, Message message) {
        int pos = ctx.members.posOf(from);
        if (!(message instanceof RaftMessage m) || pos < 0 || pos == ctx.members.selfPos()) {
            return;
        }
        ctx.leadership.maybeUpdateTerm(from, m);
        switch (m) {
            case AppendEntriesRequest r -> ctx.replication.onAppendRequest(from, r);
            case AppendEntriesResponse r -> ctx.replication.onAppendResponse(from, r);
            case HeartbeatRequest r -> ctx.replication.onHeartbeatRequest(from, r);
            case HeartbeatResponse r -> ctx.reads.onHeartbeatResponse(from, r);
            case RequestPreVoteRequest r -> ctx.leadership.onPreVoteRequest(from, r);
            case RequestPreVoteResponse r -> ctx.leadership.onPreVoteResponse(from, r);
            case RequestVoteRequest r -> ctx.leadership.onVoteRequest(from, r);
            case RequestVoteResponse r -> ctx.leadership.onVoteResponse(from, r);
            case InstallSnapshotRequest r -> ctx.snapshot.onInstallSnapshot(from, r);
            case ReconstructRequest r -> {
                if (ctx.craft != null) {
                    ctx.craft.recovery.onRequest(from, r);
                }
            }
            case ReconstructResponse r -> {
                if (ctx.craft != null) {
                    ctx.craft.recovery.onResponse(from, r);
                }
            }
            case FetchShardsRequest r -> {
                if (ctx.craft != null) {
                    ctx.craft.fetch.onRequest(from, r);
                }
            }
            case FetchShardsResponse r -> {
                if (ctx.craft != null) {
                    ctx.craft.fetch.onResponse(from, r);
                }
            }
        }
    }

    /** Read-only commands (a Txn of reads included) take the ReadIndex path; the rest the log. */
    private void clientRequest(Event.ClientRequest c) {
        if (c.command().isReadOnly()) {
            ctx.reads.submit(c);
        } else {
            ctx.execution.submit(c);
        }
    }

    @Override
    public ReplicaStatus status() {
        RaftState st = ctx.state;
        return LogStatus.of(ctx.self, RaftTracer.roleName(st.role), new ReplicaStatus.Leadership(st.currentTerm,
                st.isLeader(), Optional.ofNullable(st.leaderHint)), st.commitIndex, st.appliedIndex(), st.log.lastIndex(),
                st.machine.store());
    }

    /** A read-only view of the spec variables, for tests, checkers and operators. */
    public RaftView view() {
        RaftState st = ctx.state;
        return new RaftView(ctx.self, st.currentTerm, Optional.ofNullable(st.votedFor), st.role, st.commitIndex,
                st.appliedIndex(), st.log.snapshotIndex(), st.log.lastIndex(), st.log.lastTerm());
    }

    /**
     * The spec variables of one replica at a moment.
     *
     * @param logLen the spec's {@code Len(log[i])} (snapshot included)
     */
    public record RaftView(NodeId id, long currentTerm, Optional<NodeId> votedFor, Role role, long commitIndex,
            long appliedIndex, long snapshotIndex, long logLen, long logLastTerm) {}

    RaftState state() {
        return ctx.state;
    }

    RaftContext context() {
        return ctx;
    }

    String commitRegression() {
        return commitRegression;
    }

    String oldTermCommit() {
        return oldTermCommit;
    }
}
