package dev.lockstep.server.node;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Traits;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.peer.Forwarder;
import dev.lockstep.server.peer.PeerTransport;
import dev.lockstep.server.resp.RequestRouter;
import dev.lockstep.server.runtime.ReplicaRuntime;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Gets a client request answered by the replica that should take it, from any replica, within a
 * bounded time (docs/runtime-contract.md, "Routing"). Where it goes first is the protocol's
 * {@link Traits.Routing}: to the leader this replica knows of ({@code TO_LEADER}), or to the
 * local replica ({@code LOCAL}). Any replica may answer {@code Redirect(target)}: the request
 * is then forwarded to that replica and its answer relayed. With no target known it waits and
 * retries (backing off) until the request's deadline, then answers {@code Redirect} with no
 * target ({@code -TRYAGAIN}). An {@code Unknown} outcome (the leader lost its leadership, or a
 * forward went unanswered) is retried with the SAME {@link RequestId} up to
 * {@code timeouts.unknownRetries} times: client sessions make that safe.
 */
public final class ClientRouter implements RequestRouter {
    static final long MIN_BACKOFF_MS = 10;
    static final long MAX_BACKOFF_MS = 200;
    static final String NO_TARGET = "no replica to take the request yet (no leader elected)";

    private final NodeId self;
    private final Traits.Routing routing;
    private final ReplicaRuntime runtime;
    private final PeerTransport peers;
    private final EventExecutorGroup timers;
    private final ServerConfig.Timeouts timeouts;

    public ClientRouter(NodeId self, Traits.Routing routing, ReplicaRuntime runtime, PeerTransport peers,
            EventExecutorGroup timers, ServerConfig.Timeouts timeouts) {
        this.self = self;
        this.routing = routing;
        this.runtime = runtime;
        this.peers = peers;
        this.timers = timers;
        this.timeouts = timeouts;
    }

    @Override
    public void execute(RequestId id, Command command, Consumer<Result> done) {
        new Attempts(id, command, done).route();
    }

    /** The tries of one request; each step is triggered by the previous one's end. */
    private final class Attempts {
        private final RequestId id;
        private final Command command;
        private final Consumer<Result> done;
        private final long deadline;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile int unknowns;
        private volatile boolean maybeApplied;
        private volatile long backoffMs = MIN_BACKOFF_MS;
        private volatile String lastProblem = NO_TARGET;

        Attempts(RequestId id, Command command, Consumer<Result> done) {
            this.id = id;
            this.command = command;
            this.done = done;
            this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts.requestMs());
        }

        private long remainingMs() {
            return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        }

        /**
         * With routing to the leader: forward straight away when we know we follow one. Otherwise
         * ask the local replica (which may redirect).
         */
        void route() {
            Optional<NodeId> leader = routing == Traits.Routing.TO_LEADER ? knownLeader() : Optional.empty();
            if (leader.isPresent()) {
                forward(leader.get());
            } else {
                local();
            }
        }

        /** The leader this replica follows, if it knows one and does not lead itself. */
        private Optional<NodeId> knownLeader() {
            ReplicaStatus s = runtime.status();
            return s.leading() ? Optional.empty()
                    : s.leadership().flatMap(ReplicaStatus.Leadership::leader).filter(h -> !h.equals(self));
        }

        private void local() {
            new LocalTry().start();
        }

        /** One submission to the local replica, bounded by the request's deadline. */
        private final class LocalTry implements Consumer<Result> {
            private final AtomicBoolean answered = new AtomicBoolean();
            private ScheduledFuture<?> timeout;

            void start() {
                timeout = timers.schedule(this::expire, Math.max(1, remainingMs()), TimeUnit.MILLISECONDS);
                runtime.submit(id, command, this);
            }

            @Override
            public void accept(Result result) {
                if (answered.compareAndSet(false, true)) {
                    timeout.cancel(false);
                    onAnswer(result);
                }
            }

            private void expire() {
                if (answered.compareAndSet(false, true)) {
                    runtime.cancel(id, this);
                    maybeApplied = true;
                    finish(new Result.Unknown("no answer from the replica within " + timeouts.requestMs() + " ms"));
                }
            }
        }

        private void forward(NodeId leader) {
            long remaining = remainingMs();
            if (remaining <= 0) {
                finish(giveUp());
                return;
            }
            peers.forward(leader, id, command, Math.min(timeouts.forwardMs(), remaining), this::onForwarded);
        }

        private void onForwarded(Forwarder.Outcome outcome) {
            if (outcome instanceof Forwarder.Outcome.Answered a) {
                onAnswer(a.result());
            } else if (outcome instanceof Forwarder.Outcome.NotSent n) {
                lastProblem = n.why();
                retryLater();
            } else if (outcome instanceof Forwarder.Outcome.Lost l) {
                onUnknown(l.why());
            }
        }

        private void onAnswer(Result result) {
            if (result instanceof Result.Redirect redirect) {
                Optional<NodeId> target = redirect.target().filter(h -> !h.equals(self));
                if (target.isPresent() && !runtime.status().leading()) {
                    forward(target.get());
                } else {
                    lastProblem = NO_TARGET;
                    retryLater();
                }
            } else if (result instanceof Result.Unknown u) {
                onUnknown(u.reason());
            } else {
                finish(result);
            }
        }

        private void onUnknown(String reason) {
            maybeApplied = true;
            lastProblem = reason;
            if (++unknowns > timeouts.unknownRetries()) {
                finish(new Result.Unknown(reason + "; gave up after " + unknowns + " tries"));
            } else {
                retryLater();
            }
        }

        private void retryLater() {
            long delay = backoffMs;
            if (remainingMs() <= delay) {
                finish(giveUp());
                return;
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            timers.schedule(this::route, delay, TimeUnit.MILLISECONDS);
        }

        private Result giveUp() {
            return maybeApplied ? new Result.Unknown(lastProblem + "; no definite answer within "
                    + timeouts.requestMs() + " ms") : Result.Redirect.UNKNOWN_TARGET;
        }

        private void finish(Result result) {
            if (finished.compareAndSet(false, true)) {
                done.accept(result);
            }
        }
    }
}
