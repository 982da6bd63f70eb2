package dev.lockstep.core;

import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.ClusterInvariant.Violation;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A small deterministic in-test cluster of one protocol's replicas, for scenario tests that read
 * like the papers: a FIFO network the test controls (drop rules, partial delivery), disks that
 * make every Persist durable at once (and feed {@code Persisted} back unless
 * {@link #autoPersist} is off), crash and restart from the disk, and the protocol's invariants
 * checked after every step. Not the project's simulator. Each protocol's test package extends it
 * with its own election and leader helpers. Its state is public so that scripts can look at and
 * steer every part of it.
 *
 * @param <R> the protocol's replica
 * @param <M> the protocol's message type
 */
public abstract class ScriptedCluster<R extends Replica, M extends Message> {
    /** A message in flight. */
    public record Envelope<M>(NodeId from, NodeId to, M message) {}

    /** A step and the replica instance ("n2#3") that took it. */
    public record StepRecord(String instance, Step step) {}

    /** Makes a replica instance from its config and a PRNG seed. */
    public interface ReplicaMaker<R> {
        R make(ReplicaConfig config, long seed);
    }

    public final List<NodeId> ids = new ArrayList<>();
    public final Map<NodeId, R> live = new TreeMap<>();
    public final Map<NodeId, List<DurableRecord>> disks = new TreeMap<>();
    public final LinkedList<Envelope<M>> network = new LinkedList<>();
    public final List<Effect.Trace> traces = new ArrayList<>();
    public final Map<RequestId, List<Result>> replies = new TreeMap<>();
    public final Map<NodeId, List<Effect.Apply>> applied = new TreeMap<>();
    /** With {@link #recordTranscript}: every step, "n1 <- event => effects" (determinism checks). */
    public final List<String> transcript = new ArrayList<>();
    /** With {@link #recordSteps}: every step and the replica instance that took it. */
    public final List<StepRecord> steps = new ArrayList<>();

    /** Messages matching this are lost when sent or delivered (a partition or a targeted drop). */
    public Predicate<Envelope<M>> dropRule = e -> false;
    public boolean autoPersist = true;
    public boolean recordTranscript;
    public boolean recordSteps;
    /** Every delivered message goes through the protocol's codec first. */
    public boolean viaCodec;
    public Optional<Violation> firstViolation = Optional.empty();

    private final ReplicaMaker<R> maker;
    private final ClusterInvariant invariants;
    private final ProtocolCodec codec;
    private final Class<M> messageType;
    private final Map<NodeId, ReplicaConfig> configs = new TreeMap<>();
    private final Map<NodeId, Long> lastSeq = new TreeMap<>();
    private final Map<NodeId, Integer> incarnation = new TreeMap<>();
    private int restarts;
    private long clockNanos;

    protected ScriptedCluster(int size, UnaryOperator<ReplicaConfig> tune, ReplicaMaker<R> maker,
            ClusterInvariant invariants, ProtocolCodec codec, Class<M> messageType) {
        this.maker = maker;
        this.invariants = invariants;
        this.codec = codec;
        this.messageType = messageType;
        for (int k = 1; k <= size; k++) {
            ids.add(NodeId.of(k));
        }
        for (NodeId id : ids) {
            configs.put(id, tune.apply(new LeaderTuning(10, 20, 2, 64, 4, 0).config(id, ids, true)));
            live.put(id, maker.make(configs.get(id), 1000 + id.value()));
            disks.put(id, new ArrayList<>());
            applied.put(id, new ArrayList<>());
        }
    }

    public static NodeId n(int k) {
        return NodeId.of(k);
    }

    /** {@code cfg} with another batch size and in-flight window. */
    public static ReplicaConfig tune(ReplicaConfig cfg, int maxBatch, int maxInflight) {
        return cfg.withParameters(LeaderTuning.of(cfg.parameters()).withBatch(maxBatch, maxInflight).parameters());
    }

    /** {@code cfg} compacting every {@code every} applied entries. */
    public static ReplicaConfig snapshotEvery(ReplicaConfig cfg, int every) {
        return cfg.withParameters(LeaderTuning.of(cfg.parameters()).withSnapshotEvery(every).parameters());
    }

    /** The replica that now leads (the protocol decides which, when several think they do). */
    public abstract Optional<NodeId> leader();

    public R node(int k) {
        return live.get(n(k));
    }

    public ReplicaConfig config(NodeId id) {
        return configs.get(id);
    }

    public Step step(NodeId id, Event event) {
        R r = live.get(id);
        if (r == null) {
            return Step.EMPTY;
        }
        Step s = r.step(event);
        if (recordTranscript) {
            transcript.add(id + " <- " + event + " => " + s.effects());
        }
        if (recordSteps) {
            steps.add(new StepRecord(id + "#" + incarnation.getOrDefault(id, 0), s));
        }
        long persisted = execute(id, s);
        checkInvariants();
        if (persisted > 0 && autoPersist) {
            step(id, new Event.Persisted(persisted));
        }
        return s;
    }

    private long execute(NodeId id, Step s) {
        long persisted = 0;
        for (Effect e : s.effects()) {
            if (e instanceof Effect.Persist p) {
                disks.get(id).addAll(p.records());
                persisted = p.seq();
                lastSeq.put(id, p.seq());
            } else if (e instanceof Effect.Send send) {
                Envelope<M> env = new Envelope<>(id, send.to(), messageType.cast(send.message()));
                if (!dropRule.test(env)) {
                    network.addLast(env);
                }
            } else if (e instanceof Effect.Apply a) {
                applied.get(id).add(a);
            } else if (e instanceof Effect.Reply reply) {
                replies.computeIfAbsent(reply.id(), k -> new ArrayList<>()).add(reply.result());
            } else if (e instanceof Effect.Trace t) {
                traces.add(t);
            }
        }
        return persisted;
    }

    /** Delivers the persist acknowledgements withheld while {@link #autoPersist} was off. */
    public void persistAll(NodeId id) {
        Long seq = lastSeq.get(id);
        if (seq != null && live.containsKey(id)) {
            step(id, new Event.Persisted(seq));
        }
    }

    private void checkInvariants() {
        if (firstViolation.isEmpty()) {
            firstViolation = invariants.check(new ArrayList<Replica>(live.values()));
        }
    }

    /** Delivers one message (lost if its receiver is down or the drop rule matches now). */
    public void deliver(Envelope<M> env) {
        if (dropRule.test(env) || !live.containsKey(env.to())) {
            return;
        }
        M m = env.message();
        if (viaCodec) {
            try {
                m = messageType.cast(codec.decodeMessage(codec.encodeMessage(m)));
            } catch (CodecException e) {
                throw new AssertionError(e);
            }
        }
        step(env.to(), new Event.Receive(env.from(), m));
    }

    /** Delivers messages in FIFO order until the network is empty; returns how many. */
    public int deliverAll() {
        int delivered = 0;
        while (!network.isEmpty()) {
            deliver(network.pollFirst());
            if (++delivered > 1_000_000) {
                throw new AssertionError("network does not quiesce");
            }
        }
        return delivered;
    }

    /** Removes the messages in flight that match {@code which}. */
    public void dropInFlight(Predicate<Envelope<M>> which) {
        network.removeIf(which);
    }

    /**
     * Makes {@code id} the leader: every timer runs, but of the election requests
     * ({@code isElectionRequest}: pre-votes and votes, pre-prepares and prepares) only
     * {@code id}'s are delivered, until {@code leads} holds for it (at most 500 rounds). A
     * protocol whose voters refuse while they hear a leader needs the old leader cut off first.
     */
    protected void electBy(NodeId id, Predicate<M> isElectionRequest, Predicate<R> leads) {
        Predicate<Envelope<M>> base = dropRule;
        dropRule = e -> base.test(e) || (!e.from().equals(id) && isElectionRequest.test(e.message()));
        try {
            for (int k = 0; k < 500; k++) {
                if (leads.test(live.get(id))) {
                    deliverAll();
                    return;
                }
                tickAll();
            }
        } finally {
            dropRule = base;
        }
        throw new AssertionError(id + " did not become leader");
    }

    /** One tick at {@code id}; every tick reads a clock 10 ms later than the one before. */
    public void tick(NodeId id) {
        clockNanos += 10_000_000L;
        step(id, new Event.Tick(clockNanos));
    }

    /** One tick for every live node, then delivery until quiet. */
    public void tickAll() {
        for (NodeId id : List.copyOf(live.keySet())) {
            tick(id);
        }
        deliverAll();
    }

    public void tickAll(int times) {
        for (int k = 0; k < times; k++) {
            tickAll();
        }
    }

    public void submit(NodeId at, RequestId id, Command command) {
        step(at, new Event.ClientRequest(id, command));
    }

    /** The last reply to {@code id}, or null when there is none yet. */
    public Result replyTo(RequestId id) {
        List<Result> r = replies.get(id);
        return r == null || r.isEmpty() ? null : r.get(r.size() - 1);
    }

    public void crash(NodeId id) {
        live.remove(id);
    }

    /** A new replica instance fed the durable records of {@code id}. */
    public void restart(NodeId id) {
        live.put(id, maker.make(configs.get(id), 5000 + 100L * ++restarts + id.value()));
        lastSeq.remove(id);
        incarnation.merge(id, 1, Integer::sum);
        step(id, new Event.Recover(List.copyOf(disks.get(id))));
    }

    /** Messages involving {@code id} are lost. */
    public static <M> Predicate<Envelope<M>> isolating(NodeId id) {
        return e -> e.from().equals(id) || e.to().equals(id);
    }

    public List<Effect.Trace> tracesOf(NodeId id, String action) {
        List<Effect.Trace> out = new ArrayList<>();
        for (Effect.Trace t : traces) {
            if (t.action().equals(action) && id.toString().equals(t.fields().get("node"))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Messages of type {@code type} now in flight to {@code to}. */
    public <T extends M> List<T> inFlight(Class<T> type, int to) {
        List<T> out = new ArrayList<>();
        for (Envelope<M> e : network) {
            if (e.to().equals(n(to)) && type.isInstance(e.message())) {
                out.add(type.cast(e.message()));
            }
        }
        return out;
    }
}
