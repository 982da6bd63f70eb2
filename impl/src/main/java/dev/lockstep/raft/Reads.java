package dev.lockstep.raft;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.Result;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linearizable reads by ReadIndex (Raft thesis §6.4): spec actions {@code ClientRead},
 * {@code HandleHeartbeatResponse} and {@code ServeRead}. A read waits until the leader has
 * committed an entry of its term, records {@code readIndex = commitIndex}, and is served once a
 * quorum answered a heartbeat carrying its read id (or a later one) and the state machine has
 * applied {@code readIndex}. Reads that arrive while no heartbeat has yet carried the newest read
 * id share that id (one {@code ClientRead} for the batch); at most one read round is in flight,
 * the next one starts when it completes (and every periodic heartbeat carries the newest id).
 */
class Reads {
    protected final RaftContext ctx;
    protected final RaftState st;
    /** The spec's {@code pendingReads[i]}, oldest (lowest id) first. */
    private final ArrayDeque<ReadGroup> pending = new ArrayDeque<>();
    /** Reads that arrived before the leader committed an entry of its term. */
    private final List<ClientRequest> awaitingTermCommit = new ArrayList<>();
    private long lastReadId;
    /** The read id the last heartbeat round carried; 0 when no read round is in flight. */
    private long roundId;

    /** One spec read ({@code [id, index, term, acks]}) and the client requests it answers. */
    private static final class ReadGroup {
        final long id;
        final long index;
        long acks;
        boolean announced;
        final List<ClientRequest> clients = new ArrayList<>(2);

        ReadGroup(long id, long index, long acks) {
            this.id = id;
            this.index = index;
            this.acks = acks;
        }
    }

    Reads(RaftContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
    }

    /** A read-only command from a client. */
    void submit(ClientRequest request) {
        if (!st.isLeader()) {
            submitToFollower(request);
        } else if (st.log.termAt(st.commitIndex) != st.currentTerm) {
            awaitingTermCommit.add(request);
        } else {
            add(List.of(request));
        }
    }

    /** A replica that is not the leader refuses reads (it could serve stale data). */
    protected void submitToFollower(ClientRequest request) {
        ctx.out.reply(request.id(), new Result.Redirect(Optional.ofNullable(st.leaderHint)));
    }

    /** Joins the newest read if no heartbeat carried it yet and the commit index is unchanged. */
    private void add(List<ClientRequest> requests) {
        ReadGroup last = pending.peekLast();
        if (last != null && !last.announced && last.index == st.commitIndex) {
            last.clients.addAll(requests);
            return;
        }
        clientRead(requests);
    }

    /** Spec {@code ClientRead(i, id)}. */
    private void clientRead(List<ClientRequest> requests) {
        ReadGroup g = new ReadGroup(++lastReadId, st.commitIndex, Membership.bit(ctx.members.selfPos()));
        g.clients.addAll(requests);
        pending.addLast(g);
        ctx.tracer.clientRead(g.id, ctx.out.mark());
        serveReady();
        if (roundId == 0 && !pending.isEmpty()) {
            ctx.replication.heartbeat();
        }
    }

    long highestPendingId() {
        ReadGroup last = pending.peekLast();
        return last == null ? 0 : last.id;
    }

    /** A heartbeat round carrying {@code readId} went out. */
    void onHeartbeatSent(long readId) {
        roundId = readId;
        for (ReadGroup g : pending) {
            g.announced = true;
        }
    }

    /** Spec {@code HandleHeartbeatResponse(i, m)}: acknowledge every read with {@code id <= m.readId}. */
    void onHeartbeatResponse(NodeId from, HeartbeatResponse m) {
        if (!st.isLeader() || m.term() != st.currentTerm) {
            return;
        }
        int pos = ctx.members.posOf(from);
        for (ReadGroup g : pending) {
            if (g.id > m.readId()) {
                break;
            }
            g.acks |= Membership.bit(pos);
        }
        ctx.tracer.receivedReads("HandleHeartbeatResponse", from, m, ctx.out.mark());
        ctx.replication.onFollowerAlive(pos);
        serveReady();
        if (roundId != 0 && (pending.isEmpty() || pending.peekFirst().id > roundId)) {
            roundId = 0; // every read of the round was served: the next round may start
        }
        if (roundId == 0 && !pending.isEmpty()) {
            ctx.replication.heartbeat();
        }
    }

    /** Spec {@code ServeRead(i, id)} for every read that has its quorum and is applied. */
    private void serveReady() {
        while (!pending.isEmpty()) {
            ReadGroup g = pending.peekFirst();
            if (!ctx.members.isQuorum(g.acks) || st.commitIndex < g.index || st.appliedIndex() < g.index) {
                return;
            }
            pending.pollFirst();
            for (ClientRequest c : g.clients) {
                ctx.out.reply(c.id(), st.machine.read(c.command()));
            }
            ctx.tracer.serveRead(g.id, ctx.out.mark());
        }
    }

    /** The leader committed more: reads waiting for an entry of its term may start. */
    void onCommitAdvanced() {
        if (!awaitingTermCommit.isEmpty() && st.log.termAt(st.commitIndex) == st.currentTerm) {
            List<ClientRequest> waiting = List.copyOf(awaitingTermCommit);
            awaitingTermCommit.clear();
            add(waiting);
        }
    }

    void onApplied() {
        if (st.isLeader()) {
            serveReady();
        }
    }

    /** The ids of the pending reads, for the trace. */
    List<Long> pendingIds() {
        List<Long> ids = new ArrayList<>(pending.size());
        for (ReadGroup g : pending) {
            ids.add(g.id);
        }
        return ids;
    }

    /** Leadership was lost: the waiting clients must retry at the leader. */
    void failAll() {
        Result notLeader = Result.Redirect.UNKNOWN_TARGET;
        for (ReadGroup g : pending) {
            for (ClientRequest c : g.clients) {
                ctx.out.reply(c.id(), notLeader);
            }
        }
        for (ClientRequest c : awaitingTermCommit) {
            ctx.out.reply(c.id(), notLeader);
        }
        clear();
    }

    /** The spec's {@code pendingReads' = <<>>} (a new term, or a restart). */
    void clear() {
        pending.clear();
        awaitingTermCommit.clear();
        lastReadId = 0;
        roundId = 0;
    }
}
