package dev.lockstep.server.peer;

import dev.lockstep.base.NodeId;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Client requests a follower forwards to the leader: a request/response pair on the peer
 * connection, outside the protocol core, matched by a correlation number. Every forward ends
 * exactly once: answered, not sent, or lost (timed out or connection dropped: it may or may
 * not have been applied).
 */
public final class Forwarder {

    /** How one forwarded attempt ended. */
    public sealed interface Outcome {
        /** The leader answered. */
        record Answered(Result result) implements Outcome {}

        /** Never left this replica (no connection to the leader): definitely not applied. */
        record NotSent(String why) implements Outcome {}

        /** Sent, but no answer came back: it may or may not have been applied. */
        record Lost(String why) implements Outcome {}
    }

    private record Pending(NodeId to, Consumer<Outcome> done, ScheduledFuture<?> timeout) {}

    private final EventExecutorGroup timers;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextCorrelation = new AtomicLong(1);
    private final AtomicLong forwarded = new AtomicLong();

    Forwarder(EventExecutorGroup timers) {
        this.timers = timers;
    }

    void forward(PeerLink link, RequestId id, Command command, long timeoutMs, Consumer<Outcome> done) {
        long correlation = nextCorrelation.getAndIncrement();
        ScheduledFuture<?> timeout = timers.schedule(
                () -> finish(correlation, new Outcome.Lost("no answer from leader " + link.id() + " within "
                        + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        pending.put(correlation, new Pending(link.id(), done, timeout));
        forwarded.incrementAndGet();
        if (!link.send(new Frame.ForwardRequest(correlation, id, command))) {
            finish(correlation, new Outcome.NotSent("no connection to leader " + link.id()));
        }
    }

    void complete(Frame.ForwardResponse response) {
        finish(response.correlation(), new Outcome.Answered(response.result()));
    }

    /** The connection to {@code peer} closed: its unanswered forwards are lost. */
    void connectionLost(NodeId peer) {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            if (e.getValue().to().equals(peer)) {
                finish(e.getKey(), new Outcome.Lost("connection to leader " + peer + " closed"));
            }
        }
    }

    private void finish(long correlation, Outcome outcome) {
        Pending p = pending.remove(correlation);
        if (p != null) {
            p.timeout().cancel(false);
            p.done().accept(outcome);
        }
    }

    /** Forwards started so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Forwards awaiting an answer. */
    public int inFlight() {
        return pending.size();
    }
}
