package dev.lockstep.multipaxos;

import dev.lockstep.core.ClusterInvariant.Violation;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.NodeId;
import dev.lockstep.core.ProtocolCodec.CodecException;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Role;
import dev.lockstep.core.Step;
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
 * A small deterministic in-test cluster of MultiPaxos replicas: a FIFO network the test controls
 * (drop rules, partial delivery), disks that make every Persist durable at once (and feed
 * {@code Persisted} back unless {@link #autoPersist} is off), crash and restart from the disk,
 * and the invariants checked after every step. Not the project's simulator: just enough to write
 * scenario tests that read like the papers.
 */
final class PaxosCluster {
    /** A message in flight. */
    record Envelope(NodeId from, NodeId to, PaxosMessage message) {}

    /** A step and the replica instance ("n2#3") that took it. */
    record StepRecord(String instance, Step step) {}

    final List<NodeId> ids = new ArrayList<>();
    final Map<NodeId, MultiPaxosReplica> live = new TreeMap<>();
    final Map<NodeId, List<DurableRecord>> disks = new TreeMap<>();
    final LinkedList<Envelope> network = new LinkedList<>();
    final List<Effect.Trace> traces = new ArrayList<>();
    final Map<RequestId, List<Result>> replies = new TreeMap<>();
    final Map<NodeId, List<Effect.Apply>> applied = new TreeMap<>();
    final List<StepRecord> steps = new ArrayList<>();
    private final Map<NodeId, ReplicaConfig> configs = new TreeMap<>();
    private final Map<NodeId, Long> lastSeq = new TreeMap<>();
    private final Map<NodeId, Integer> incarnation = new TreeMap<>();
    private final PaxosConcerns concerns;
    private int restarts;

    /** Messages matching this are lost when sent or delivered (a partition or a targeted drop). */
    Predicate<Envelope> dropRule = e -> false;
    boolean autoPersist = true;
    boolean recordSteps;
    boolean viaCodec;
    Optional<Violation> firstViolation = Optional.empty();

    PaxosCluster(int size, UnaryOperator<ReplicaConfig> tune) {
        this(size, tune, PaxosConcerns.DEFAULT);
    }

    PaxosCluster(int size, UnaryOperator<ReplicaConfig> tune, PaxosConcerns concerns) {
        this.concerns = concerns;
        for (int k = 1; k <= size; k++) {
            ids.add(NodeId.of(k));
        }
        for (NodeId id : ids) {
            configs.put(id, tune.apply(new ReplicaConfig(id, ids, 10, 20, 2, 64, 4, 0, true)));
            live.put(id, new MultiPaxosReplica(configs.get(id), 1000 + id.value(), concerns));
            disks.put(id, new ArrayList<>());
            applied.put(id, new ArrayList<>());
        }
    }

    static NodeId n(int k) {
        return NodeId.of(k);
    }

    /** {@code cfg} with another batch size and in-flight window. */
    static ReplicaConfig tune(ReplicaConfig cfg, int maxBatch, int maxInflight) {
        return new ReplicaConfig(cfg.self(), cfg.members(), cfg.electionTicksMin(), cfg.electionTicksMax(),
                cfg.heartbeatTicks(), maxBatch, maxInflight, cfg.snapshotEvery(), cfg.tracing());
    }

    /** {@code cfg} compacting every {@code every} applied slots. */
    static ReplicaConfig snapshotEvery(ReplicaConfig cfg, int every) {
        return new ReplicaConfig(cfg.self(), cfg.members(), cfg.electionTicksMin(), cfg.electionTicksMax(),
                cfg.heartbeatTicks(), cfg.maxBatchEntries(), cfg.maxInflight(), every, cfg.tracing());
    }

    MultiPaxosReplica node(int k) {
        return live.get(n(k));
    }

    PaxosState state(int k) {
        return node(k).state();
    }

    ReplicaConfig config(NodeId id) {
        return configs.get(id);
    }

    Step step(NodeId id, Event event) {
        MultiPaxosReplica r = live.get(id);
        if (r == null) {
            return Step.EMPTY;
        }
        Step s = r.step(event);
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
                Envelope env = new Envelope(id, send.to(), (PaxosMessage) send.message());
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
    void persistAll(NodeId id) {
        Long seq = lastSeq.get(id);
        if (seq != null && live.containsKey(id)) {
            step(id, new Event.Persisted(seq));
        }
    }

    private void checkInvariants() {
        Optional<Violation> v = PaxosInvariants.INSTANCE.check(new ArrayList<Replica>(live.values()));
        if (firstViolation.isEmpty()) {
            firstViolation = v;
        }
    }

    /** Delivers one message (lost if its receiver is down or the drop rule matches now). */
    void deliver(Envelope env) {
        if (dropRule.test(env) || !live.containsKey(env.to())) {
            return;
        }
        PaxosMessage m = env.message();
        if (viaCodec) {
            try {
                m = (PaxosMessage) PaxosCodec.INSTANCE.decodeMessage(PaxosCodec.INSTANCE.encodeMessage(m));
            } catch (CodecException e) {
                throw new AssertionError(e);
            }
        }
        step(env.to(), new Event.Receive(env.from(), m));
    }

    /** Delivers messages in FIFO order until the network is empty; returns how many. */
    int deliverAll() {
        int delivered = 0;
        while (!network.isEmpty()) {
            deliver(network.pollFirst());
            if (++delivered > 1_000_000) {
                throw new AssertionError("network does not quiesce");
            }
        }
        return delivered;
    }

    void tick(NodeId id) {
        step(id, Event.Tick.INSTANCE);
    }

    /** One tick for every live node, then delivery until quiet. */
    void tickAll() {
        for (NodeId id : List.copyOf(live.keySet())) {
            tick(id);
        }
        deliverAll();
    }

    void tickAll(int times) {
        for (int k = 0; k < times; k++) {
            tickAll();
        }
    }

    /** Makes {@code id} the leader: only its timer runs until it leads (other timers are reset by its messages). */
    void elect(NodeId id) {
        for (int k = 0; k < 500; k++) {
            if (live.get(id).view().role() == Role.LEADER) {
                deliverAll();
                return;
            }
            tick(id);
            deliverAll();
        }
        throw new AssertionError(id + " did not become leader");
    }

    /** Heartbeats from the leader until everyone learned its commit index. */
    void settle(NodeId leader) {
        for (int k = 0; k < 6; k++) {
            tick(leader);
            deliverAll();
        }
    }

    Optional<NodeId> leader() {
        NodeId best = null;
        long ballot = -1;
        for (MultiPaxosReplica r : live.values()) {
            if (r.view().role() == Role.LEADER && r.view().promised() > ballot) {
                best = r.id();
                ballot = r.view().promised();
            }
        }
        return Optional.ofNullable(best);
    }

    void submit(NodeId at, RequestId id, Command command) {
        step(at, new Event.ClientRequest(id, command));
    }

    /** The last reply to {@code id}, or null when there is none yet. */
    Result replyTo(RequestId id) {
        List<Result> r = replies.get(id);
        return r == null || r.isEmpty() ? null : r.get(r.size() - 1);
    }

    void crash(NodeId id) {
        live.remove(id);
    }

    /** A new replica instance fed the durable records of {@code id}. */
    void restart(NodeId id) {
        MultiPaxosReplica fresh = new MultiPaxosReplica(configs.get(id), 5000 + 100L * ++restarts + id.value(), concerns);
        live.put(id, fresh);
        lastSeq.remove(id);
        incarnation.merge(id, 1, Integer::sum);
        step(id, new Event.Recover(List.copyOf(disks.get(id))));
    }

    /** Messages involving {@code id} are lost. */
    static Predicate<Envelope> isolating(NodeId id) {
        return e -> e.from().equals(id) || e.to().equals(id);
    }

    List<Effect.Trace> tracesOf(NodeId id, String action) {
        List<Effect.Trace> out = new ArrayList<>();
        for (Effect.Trace t : traces) {
            if (t.action().equals(action) && id.toString().equals(t.fields().get("node"))) {
                out.add(t);
            }
        }
        return out;
    }

    /** Messages of type {@code type} now in flight to {@code to}. */
    <T extends PaxosMessage> List<T> inFlight(Class<T> type, int to) {
        List<T> out = new ArrayList<>();
        for (Envelope e : network) {
            if (e.to().equals(n(to)) && type.isInstance(e.message())) {
                out.add(type.cast(e.message()));
            }
        }
        return out;
    }
}
