package dev.lockstep.sim;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.ClusterInvariant;
import dev.lockstep.core.DurabilityPromise.DurableWrites;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.base.Prng;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.lin.HistoryRecorder;
import dev.lockstep.lin.LinReport;
import dev.lockstep.lin.LinearizabilityChecker;
import dev.lockstep.lin.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deterministic run of a protocol cluster: simulated time, network, disks, clocks and
 * clients, with the checkers after every replica step (SAFETY, TRACE), at every acknowledgement
 * (DURABILITY), in the healed phase (LIVENESS) and at the end (LINEARIZABILITY). Which checkers
 * run comes from the protocol's traits ({@link CheckerPlan}). Protocol-generic: everything
 * protocol-specific comes from {@link Protocol}.
 */
public final class Simulation implements HostOutput {
    /** A disk nobody watches (no durability promise to check). */
    private static final DurableWrites NOT_OBSERVED = new DurableWrites() {
        @Override
        public void durable(dev.lockstep.core.DurableRecord record) {}

        @Override
        public boolean holds(dev.lockstep.kv.RequestId id) {
            return false;
        }
    };

    /** Runs that neither finish nor fail within this many events are stopped (LIVENESS). */
    static final long MAX_EVENTS = 20_000_000;

    /**
     * How a run is observed. {@code tracing}: replicas emit trace lines and the TRACE checks run.
     * {@code invariants}: the protocol's ClusterInvariant after every replica step;
     * {@code linearizability}: the history check at the end. Both are on in every check; the
     * benchmark turns them off to measure the simulator itself.
     */
    public record Settings(boolean tracing, boolean invariants, boolean linearizability) {
        public static final Settings DEFAULT = new Settings(false, true, true);
    }

    private final Protocol protocol;
    private final SimOptions options;
    private final boolean tracing;
    private final boolean invariants;
    private final boolean linearizability;
    private final SimTime time = new SimTime();
    private final Prng replicaSeeds;
    private final Prng tickPhases;
    private final TraceLog trace;
    private final SimNetwork network;
    private final List<SimHost> hosts = new ArrayList<>();
    private final List<NodeId> members = new ArrayList<>();
    private final HistoryRecorder history = new HistoryRecorder();
    private final ClientDriver clients;
    private final CheckerPlan plan;
    private final AppliedLogChecker applied;
    private final KeyOrderChecker keyOrder = new KeyOrderChecker();
    private final DurabilityChecker durability;
    private final LivenessChecker liveness;
    private final StabilityProbe probe;
    private final LeaderHistoryChecker leaders = new LeaderHistoryChecker();
    private final ClusterInvariant invariant;
    private final Faults faults;
    private final SimFailureDetector detector;
    private List<Replica> live = List.of();
    private Failure failure;
    private long lastLivenessCheck = -1;

    private Simulation(Protocol protocol, SimOptions options, Settings settings) {
        this.protocol = protocol;
        this.options = options;
        this.tracing = settings.tracing();
        this.invariants = settings.invariants();
        this.linearizability = settings.linearizability();
        Prng root = new Prng(options.seed() ^ 0x5DEECE66DL);
        this.replicaSeeds = root.fork();
        this.tickPhases = root.fork();
        this.trace = new TraceLog(settings.tracing());
        this.network = new SimNetwork(options.clusterSize(), options.network(), root.fork(), time, trace);
        this.clients = new ClientDriver(options.workload(), options.clusterSize(), options.network().loss(),
                root.fork(), time, history);
        this.plan = CheckerPlan.of(protocol, options);
        this.applied = new AppliedLogChecker(options.clusterSize());
        this.liveness = new LivenessChecker(options.livenessMs(), plan.leaderForLiveness());
        this.probe = plan.stability() ? new StabilityProbe(probeMs(options)) : StabilityProbe.none();
        this.invariant = protocol.invariants();
        this.faults = new Faults(this, network, hosts, time, root.fork(), options.disk().bounce(),
                protocol.traits().hasLeader());
        for (int n = 1; n <= options.clusterSize(); n++) {
            members.add(NodeId.of(n));
        }
        List<DurableWrites> disks = new ArrayList<>();
        for (int n = 0; n < options.clusterSize(); n++) {
            DurableWrites observed = plan.durableCopies() > 0 ? protocol.durability().orElseThrow().tracker().get()
                    : NOT_OBSERVED;
            disks.add(observed);
            SimDisk disk = new SimDisk(n, options.disk(), root.fork(), time, observed::durable);
            SimClock clock = new SimClock(options.clocks().offsetMs().get(n), options.clocks().ratePpm().get(n),
                    jumpsOf(n + 1));
            hosts.add(new SimHost(n, newReplica(n), disk, clock, this, settings.tracing()));
        }
        this.durability = new DurabilityChecker(plan.durableCopies(), disks);
        this.detector = new SimFailureDetector(members, root.fork());
        refreshLive();
    }

    /** Runs the scenario to its end and returns the verdicts. */
    public static RunResult run(Protocol protocol, SimOptions options, boolean tracing) {
        return run(protocol, options, new Settings(tracing, true, true));
    }

    /** The clock jumps of node {@code node} (1-based) in the faults phase; the heal ends them. */
    private List<FaultEvent.ClockJump> jumpsOf(int node) {
        return options.schedule().events().stream()
                .filter(e -> e instanceof FaultEvent.ClockJump j && j.node() == node && j.at() < options.faultPhaseMs())
                .map(FaultEvent.ClockJump.class::cast).toList();
    }

    /** What a run of {@code protocol} with {@code options} checks, and why. */
    public static CheckerPlan plan(Protocol protocol, SimOptions options) {
        return CheckerPlan.of(protocol, options);
    }

    public static RunResult run(Protocol protocol, SimOptions options, Settings settings) {
        return new Simulation(protocol, options, settings).execute();
    }

    private RunResult execute() {
        for (SimHost h : hosts) {
            scheduleFirstTick(h);
        }
        clients.start();
        faults.schedule(options.schedule(), options.faultPhaseMs());
        while (failure == null && !finished()) {
            if (time.isEmpty() || time.fired() > MAX_EVENTS) {
                fail(FailureKind.LIVENESS, "run did not finish within " + MAX_EVENTS + " events");
                break;
            }
            try {
                dispatch(time.next());
            } catch (SimHost.ReplicaFailure e) {
                fail(FailureKind.SAFETY, e.getMessage());
            }
            checkLiveness();
            checkStability();
        }
        return result(failure == null && linearizability ? checkLinearizability() : Optional.empty());
    }

    private boolean finished() {
        return liveness.settled() && clients.allDone() && probe.done();
    }

    /**
     * How long each phase of the stability probe lasts: three of the longest election timeouts,
     * or an eighth of the liveness bound for a protocol without that parameter.
     */
    static long probeMs(SimOptions options) {
        int ticks = options.parameters().values().getOrDefault(LeaderTuning.ELECTION_TICKS_MAX, 0);
        return ticks > 0 ? 3L * ticks * options.tickMs() : options.livenessMs() / 8;
    }

    private void dispatch(SimEvent e) {
        switch (e) {
            case SimEvent.Tick t -> onTick(t);
            case SimEvent.Deliver d -> onDeliver(d);
            case SimEvent.DiskSynced s -> onDiskSynced(s);
            case SimEvent.ClientArrive a -> onClientArrive(a);
            case SimEvent.ClientAnswer a -> clients.onAnswer(a);
            case SimEvent.ClientRetry r -> clients.onRetry(r);
            case SimEvent.ClientStart s -> clients.onStart(s.client());
            case SimEvent.FaultStart f -> faults.start(f.fault());
            case SimEvent.FaultEnd f -> faults.end(f.fault());
            case SimEvent.CrashNow c -> faults.crashNow(c.node());
            case SimEvent.Heal h -> {
                faults.healAll();
                clients.heal();
                liveness.healed(time.now(), clients.outstanding());
            }
            case SimEvent.ProbeNext n -> probeNext();
        }
    }

    private void onTick(SimEvent.Tick t) {
        SimHost h = hosts.get(t.node());
        if (!h.isUp() || t.incarnation() != h.disk.incarnation()) {
            return;
        }
        if (deferredByPause(h, t)) {
            return;
        }
        stepHost(h, new Event.Tick(h.clock.read(time.now())), null);
        reportLivePeers(h);
        time.after(options.tickMs(), t);
    }

    /** The failure detector's view, when it changed (no crash point: it is the runtime's, not the replica's). */
    private void reportLivePeers(SimHost h) {
        if (!h.isUp()) {
            return;
        }
        Event.LivePeers view = detector.view(h.index, h.disk.incarnation(), time.now() < options.faultPhaseMs(),
                k -> hosts.get(k).isUp(), network::isCut);
        if (view != null) {
            h.step(view, null);
            checkInvariant(h);
        }
    }

    private void onDeliver(SimEvent.Deliver d) {
        Envelope env = d.envelope();
        SimHost h = hosts.get(env.to());
        if (!h.isUp() || network.isCut(env.from(), env.to())) {
            network.drop(env);
            return;
        }
        if (deferredByPause(h, d)) {
            return;
        }
        stepHost(h, new Event.Receive(members.get(env.from()), env.message()), env);
    }

    private void onDiskSynced(SimEvent.DiskSynced s) {
        SimHost h = hosts.get(s.node());
        if (!h.isUp() || s.incarnation() != h.disk.incarnation() || deferredByPause(h, s)) {
            return;
        }
        h.disk.synced(s.upTo());
        boolean wrote = h.durable(s.upTo());
        checkInvariant(h);
        faults.afterStep(h, true, wrote);
    }

    private void onClientArrive(SimEvent.ClientArrive a) {
        SimHost h = hosts.get(a.node());
        if (!h.isUp() || deferredByPause(h, a)) {
            return;
        }
        if (plan.durableCopies() > 0) {
            durability.requested(a.id(), a.command());
        }
        stepHost(h, new Event.ClientRequest(a.id(), a.command()), null);
    }

    /** A paused node handles nothing: the event waits until the pause ends. */
    private boolean deferredByPause(SimHost h, SimEvent e) {
        if (!h.isPaused(time.now())) {
            return false;
        }
        time.at(h.pausedUntil(), e);
        return true;
    }

    private void stepHost(SimHost h, Event event, Envelope delivered) {
        boolean wrote = h.step(event, delivered);
        checkInvariant(h);
        faults.afterStep(h, false, wrote);
    }

    /** The protocol's invariants over the live replicas, and leader uniqueness for the stepped one. */
    private void checkInvariant(SimHost stepped) {
        if (failure != null || !invariants || !stepped.isUp()) {
            return;
        }
        String twoLeaders = plan.leaderHistory() ? leaders.observe(stepped.replica().status()) : null;
        if (twoLeaders != null) {
            fail(FailureKind.SAFETY, twoLeaders);
            return;
        }
        invariant.check(live).ifPresent(v -> fail(FailureKind.SAFETY, v.invariant() + ": " + v.detail()));
    }

    private void checkLiveness() {
        if (failure != null || !liveness.isHealed() || time.now() == lastLivenessCheck) {
            return;
        }
        lastLivenessCheck = time.now();
        String problem = liveness.check(time.now(), hosts, history, clients);
        if (problem != null) {
            fail(FailureKind.LIVENESS, problem);
        }
    }

    /** The stability probe's next phase: lift its partition, apply the next; at the end, the final check. */
    private void probeNext() {
        if (probe.cut() != null) {
            network.apply(probe.cut(), false);
        }
        if (probe.advance(time.now())) {
            if (probe.cut() != null) {
                network.apply(probe.cut(), true);
            }
            time.after(probe.phaseMs(), new SimEvent.ProbeNext());
            return;
        }
        String problem = probe.check(hosts, true);
        if (problem != null) {
            fail(FailureKind.STABILITY, problem);
        }
    }

    /** Starts the stability probe once the run settled, then watches the leader it found. */
    private void checkStability() {
        if (failure != null || probe.done()) {
            return;
        }
        if (probe.waiting()) {
            if (!liveness.settled() || !clients.allDone()) {
                return;
            }
            probe.start(time.now(), hosts);
            if (probe.cut() != null) {
                network.apply(probe.cut(), true);
                time.after(probe.phaseMs(), new SimEvent.ProbeNext());
            }
        }
        String problem = probe.check(hosts, false);
        if (problem != null) {
            fail(FailureKind.STABILITY, problem);
        }
    }

    private Optional<LinReport> checkLinearizability() {
        if (!plan.linearizability()) {
            return Optional.empty();
        }
        LinReport report = new LinearizabilityChecker().check(history.history());
        if (report.verdict() == Verdict.NOT_LINEARIZABLE) {
            fail(FailureKind.LINEARIZABILITY, report.describe());
        }
        return Optional.of(report);
    }

    // ---- faults (called by Faults) ----

    void crash(SimHost h) {
        h.crash();
        refreshLive();
    }

    void restart(SimHost h) {
        h.restart(newReplica(h.index));
        refreshLive();
        scheduleFirstTick(h);
        checkInvariant(h);
    }

    private Replica newReplica(int node) {
        ReplicaConfig config = new ReplicaConfig(members.get(node), members, options.parameters(), tracing);
        return protocol.factory().create(config, replicaSeeds.nextLong());
    }

    private void scheduleFirstTick(SimHost h) {
        time.after(1 + tickPhases.nextInt(options.tickMs()), new SimEvent.Tick(h.index, h.disk.incarnation()));
    }

    private void refreshLive() {
        List<Replica> up = new ArrayList<>();
        for (SimHost h : hosts) {
            if (h.isUp()) {
                up.add(h.replica());
            }
        }
        live = List.copyOf(up);
    }

    // ---- HostOutput ----

    @Override
    public void send(int from, Effect.Send send, Map<String, Object> traceMessage) {
        int to = send.to().value() - 1;
        if (to < 0 || to >= hosts.size() || to == from) {
            effectProblem(from, "Send to " + send.to() + ", not another member of the cluster");
            return;
        }
        network.send(from, to, send.message(), traceMessage);
    }

    @Override
    public void apply(int node, int incarnation, Effect.Apply apply) {
        String name = members.get(node).toString();
        String problem = switch (plan.appliedOrder()) {
            case TOTAL -> prefixed("StateMachineSafety (applied logs): ", applied.onApply(node, name, incarnation, apply));
            case PARTIAL -> prefixed("StateMachineSafety (per-key order): ", keyOrder.onApply(name, incarnation, apply));
            case NONE -> null;
        };
        if (problem != null) {
            fail(FailureKind.SAFETY, problem);
        }
    }

    private static String prefixed(String prefix, String problem) {
        return problem == null ? null : prefix + problem;
    }

    @Override
    public void reply(int node, Effect.Reply reply) {
        if (plan.durableCopies() > 0) {
            String broken = durability.replied(members.get(node).toString(), reply);
            if (broken != null) {
                fail(FailureKind.DURABILITY, broken);
            }
        }
        clients.reply(reply);
    }

    @Override
    public void trace(Effect.Trace t) {
        trace.add(t.action(), t.fields());
    }

    @Override
    public void traceProblem(int node, String detail) {
        fail(FailureKind.TRACE, detail);
    }

    @Override
    public void effectProblem(int node, String detail) {
        fail(FailureKind.SAFETY, members.get(node) + " broke the effect contract: " + detail);
    }

    private void fail(FailureKind kind, String detail) {
        if (failure == null) {
            failure = new Failure(kind, options.seed(), detail, time.now(), time.fired(),
                    Replay.command(protocol.name(), options));
        }
    }

    private RunResult result(Optional<LinReport> lin) {
        long steps = 0;
        for (SimHost h : hosts) {
            steps += h.steps();
        }
        int ok = 0;
        for (int op = 0; op < history.size(); op++) {
            ok += history.isCompleted(op) ? 1 : 0;
        }
        return new RunResult(protocol.name(), options, plan, steps, time.fired(), time.now(), ok, history.size() - ok,
                network.sent(), network.dropped(), network.duplicated(), faults.crashes(), lin,
                Optional.ofNullable(failure), trace.lines(), history.history());
    }
}
