package dev.lockstep.server.runtime;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.ProtocolCodec;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.wal.GroupCommitter;
import dev.lockstep.server.wal.WriteAheadLog;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one protocol {@link Replica} on its own event-loop thread: the only thread that touches
 * the replica. Events arrive from any thread (clients, peers, the tick timer, the durability
 * callback) and are stepped one at a time; the step's effects run through an {@link EffectQueue}
 * (strict order, persist as a barrier, persists submitted at once so they share fsyncs).
 */
public final class ReplicaRuntime implements GroupCommitter.Callbacks {
    private final Replica replica;
    private final ProtocolCodec codec;
    private final EventExecutor loop;
    private final PeerSender peers;
    private final TraceSink trace;
    private final Consumer<Throwable> fatal;
    private final EffectQueue effects;
    private final RuntimeStats stats = new RuntimeStats();
    /** Client callbacks by request id; several when a request was retried while pending. */
    private final Map<RequestId, List<Consumer<Result>>> waiting = new HashMap<>();
    private Durability durability;
    private ScheduledFuture<?> ticker;
    private long ticks;
    /** Ticks between trace flushes (about 100 ms). */
    private long flushTraceEvery = 10;
    private java.util.Set<NodeId> lastLivePeers;
    private volatile ReplicaStatus status;
    /** A refresh of {@link #status} is queued behind the steps already waiting on the loop. */
    private boolean statusRefreshQueued;
    private volatile boolean halted;

    /**
     * @param fatal told once if storage fails or the replica throws; the runtime then stops
     *     stepping (fail-stop: a replica must not run on without durability)
     */
    public ReplicaRuntime(Replica replica, ProtocolCodec codec, EventExecutor loop, PeerSender peers,
            TraceSink trace, Consumer<Throwable> fatal) {
        this.replica = replica;
        this.codec = codec;
        this.loop = loop;
        this.peers = peers;
        this.trace = trace;
        this.fatal = fatal;
        this.effects = new EffectQueue(new Executor(), 0);
        this.status = replica.status();
    }

    /** Connects storage; call once, before {@link #start}. */
    public void attach(Durability storage) {
        this.durability = storage;
    }

    /**
     * Starts the replica: feeds {@code Recover(records)} first when the replica restarts from
     * storage (empty for a fresh data directory: no Recover), then ticks every {@code tickMs}.
     */
    public void start(Optional<List<DurableRecord>> recovered, int tickMs) {
        if (durability == null) {
            throw new IllegalStateException("attach storage before start");
        }
        recovered.ifPresent(records -> loop.execute(() -> step(new Event.Recover(records))));
        ticker = loop.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        flushTraceEvery = Math.max(1, 100 / tickMs);
    }

    /** Submits a client command; {@code done} runs on the event loop with the replica's answer. */
    public void submit(RequestId id, Command command, Consumer<Result> done) {
        loop.execute(() -> {
            waiting.computeIfAbsent(id, k -> new ArrayList<>(1)).add(done);
            step(new Event.ClientRequest(id, command));
        });
    }

    /** Forgets a callback whose requester gave up waiting (a late reply is then dropped). */
    public void cancel(RequestId id, Consumer<Result> done) {
        loop.execute(() -> {
            List<Consumer<Result>> list = waiting.get(id);
            if (list != null && list.remove(done) && list.isEmpty()) {
                waiting.remove(id);
            }
        });
    }

    /** A peer's message arrived. */
    public void receive(NodeId from, Message message) {
        loop.execute(() -> step(new Event.Receive(from, message)));
    }

    /** The replica's status after its latest burst of steps (any thread). */
    public ReplicaStatus status() {
        return status;
    }

    public RuntimeStats stats() {
        return stats;
    }

    public NodeId id() {
        return replica.id();
    }

    public boolean halted() {
        return halted;
    }

    @Override
    public void onDurable(long highestSeq) {
        loop.execute(() -> {
            if (halted) {
                return;
            }
            effects.durable(highestSeq);
            stats.waitingEffects = effects.waitingCount();
            step(new Event.Persisted(highestSeq));
        });
    }

    @Override
    public void onError(Throwable error) {
        halt(new IllegalStateException("write-ahead log failed: " + error.getMessage(), error));
    }

    private void tick() {
        step(new Event.Tick(System.nanoTime()));
        reportLivePeers();
        if (++ticks % flushTraceEvery == 0) {
            trace.flush();
        }
    }

    /** Tells the replica when the transport's view of live peers changed. */
    private void reportLivePeers() {
        java.util.Set<NodeId> view = peers.livePeers();
        if (view != null && !view.equals(lastLivePeers)) {
            lastLivePeers = view;
            step(new Event.LivePeers(view));
        }
    }

    private void step(Event event) {
        if (halted) {
            return;
        }
        try {
            List<Effect> out = replica.step(event).effects();
            stats.steps++;
            effects.offer(out);
            stats.waitingEffects = effects.waitingCount();
            refreshStatusSoon();
        } catch (RuntimeException | Error e) {
            halt(new IllegalStateException("replica " + replica.id() + " failed on " + event, e));
        }
    }

    /**
     * Refreshes {@link #status} once the loop has run the events queued so far: a burst of steps
     * (a pipelined batch of requests and their replies) builds one status, not one per step.
     * Readers on other threads see it at most one burst late, as they could already.
     */
    private void refreshStatusSoon() {
        if (statusRefreshQueued) {
            return;
        }
        statusRefreshQueued = true;
        loop.execute(() -> {
            statusRefreshQueued = false;
            status = replica.status();
        });
    }

    private void halt(Throwable cause) {
        if (!halted) {
            halted = true;
            fatal.accept(cause);
        }
    }

    /**
     * Stops ticking and stepping, then (after the loop finished its current task) flushes the
     * trace. Storage is closed by its owner.
     */
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        try {
            loop.submit(() -> {
                halted = true;
                trace.close();
            }).await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs effects whose turn has come; always on the event loop. */
    private final class Executor implements EffectQueue.Executor {
        @Override
        public void startPersist(Effect.Persist persist) {
            List<WriteAheadLog.Entry> entries = new ArrayList<>(persist.records().size());
            long bytes = 0;
            for (DurableRecord record : persist.records()) {
                byte[] encoded = codec.encodeRecord(record);
                bytes += encoded.length;
                entries.add(new WriteAheadLog.Entry(encoded, record.isCheckpoint()));
            }
            stats.persists++;
            stats.persistedRecords += entries.size();
            stats.persistedBytes += bytes;
            durability.submit(persist.seq(), entries);
        }

        @Override
        public void execute(Effect effect) {
            switch (effect) {
                case Effect.Send s -> {
                    stats.sends++;
                    peers.send(s.to(), codec.encodeMessage(s.message()));
                }
                case Effect.Reply r -> {
                    stats.replies++;
                    reply(r.id(), r.result());
                }
                case Effect.Apply a -> stats.applies++;
                case Effect.Trace t -> {
                    stats.traceLines++;
                    trace.write(t);
                }
                case Effect.Persist p -> throw new IllegalStateException("a persist is started, never executed: " + p);
            }
        }

        private void reply(RequestId id, Result result) {
            List<Consumer<Result>> callbacks = waiting.remove(id);
            if (callbacks != null) {
                for (Consumer<Result> callback : callbacks) {
                    callback.accept(result);
                }
            }
        }
    }
}
