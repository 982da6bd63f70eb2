package dev.lockstep.simplepush;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.Membership;
import dev.lockstep.core.Event.ClientRequest;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.simplepush.PushMessage.Push;
import dev.lockstep.simplepush.PushMessage.PushAck;
import java.util.LinkedHashMap;

/**
 * Pushing writes and answering their clients: spec actions {@code ClientRequest} (log the
 * client's write, execute it, push it to the {@code K} peers), {@code Push} (again, every
 * {@code retransmitTicks}, to each peer that has not acknowledged), {@code HandlePush} (a peer
 * logs it, acknowledges once durable), {@code HandlePushAck} and {@code Answer} (once every peer
 * acknowledged: the write is on {@code K + 1} disks).
 */
class Replication {
    protected final SimplePushContext ctx;
    /** The spec's {@code pending[i]}: writes taken here and not yet answered, oldest first. */
    private final LinkedHashMap<RequestId, PendingWrite> pending = new LinkedHashMap<>();

    /** A write this replica must answer: its result, who acknowledged it, its waiting clients. */
    protected static final class PendingWrite {
        final ClientEntry entry;
        final Result result;
        long acks;
        int waiters = 1;
        int ticksSincePush;

        PendingWrite(ClientEntry entry, Result result) {
            this.entry = entry;
            this.result = result;
        }
    }

    Replication(SimplePushContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Spec {@code ClientRequest(i, id, P)}, {@code Execute(i)}, then {@code Push(i, j, id)} for
     * each peer. A retry of a write still pending here only waits for the same answer; any other
     * retry is logged and pushed again (execution runs it once).
     */
    void submit(ClientRequest request) {
        PendingWrite same = pending.get(request.id());
        if (same != null) {
            same.waiters++;
            return;
        }
        ClientEntry entry = new ClientEntry(request.id(), request.command());
        int mark = ctx.out.mark();
        long position = ctx.durability.append(entry, ctx.self);
        ctx.tracer.clientRequest(request.id(), mark);
        PendingWrite w = new PendingWrite(entry, ctx.execution.execute(position, entry));
        pending.put(request.id(), w);
        for (NodeId peer : ctx.peers) {
            push(w, peer);
        }
        maybeAnswer(w);
    }

    /** Spec {@code Push(i, j, id)}. */
    protected void push(PendingWrite w, NodeId peer) {
        int mark = ctx.out.mark();
        ctx.out.send(peer, new Push(w.entry));
        ctx.tracer.push(peer, w.entry.id(), mark);
    }

    /** Spec {@code HandlePush(j, m)} then {@code Execute(j)}: log, acknowledge (after the persist), run. */
    void onPush(NodeId from, Push m) {
        int mark = ctx.out.mark();
        long position = ctx.durability.append(m.entry(), from);
        ctx.out.send(from, new PushAck(m.entry().id()));
        ctx.tracer.received("HandlePush", from, m, mark);
        ctx.execution.execute(position, m.entry());
    }

    /** Spec {@code HandlePushAck(i, m)}, then {@code Answer(i, id)} when it was the last one missing. */
    void onPushAck(NodeId from, PushAck m) {
        PendingWrite w = pending.get(m.id());
        int pos = ctx.members.posOf(from);
        if (w == null || (ctx.peerBits & Membership.bit(pos)) == 0) {
            return;
        }
        int mark = ctx.out.mark();
        w.acks |= Membership.bit(pos);
        ctx.tracer.pushAck(from, m, ctx.members.namesIn(w.acks), mark);
        maybeAnswer(w);
    }

    /** Spec {@code Answer(i, id)}: once every peer acknowledged. */
    protected void maybeAnswer(PendingWrite w) {
        if ((w.acks & ctx.peerBits) == ctx.peerBits) {
            answer(w);
        }
    }

    protected final void answer(PendingWrite w) {
        int mark = ctx.out.mark();
        pending.remove(w.entry.id());
        for (int k = 0; k < w.waiters; k++) {
            ctx.out.reply(w.entry.id(), w.result);
        }
        ctx.tracer.answer(w.entry.id(), mark);
    }

    /** Pushes again, to each peer that has not acknowledged, every write whose last push is {@code retransmitTicks} old. */
    void tick() {
        for (PendingWrite w : pending.values()) {
            if (++w.ticksSincePush < ctx.retransmitTicks) {
                continue;
            }
            w.ticksSincePush = 0;
            for (NodeId peer : ctx.peers) {
                if ((w.acks & Membership.bit(ctx.members.posOf(peer))) == 0) {
                    push(w, peer);
                }
            }
        }
    }

    /** A restart: nothing is pending any more. */
    void clear() {
        pending.clear();
    }

    int pendingCount() {
        return pending.size();
    }
}
