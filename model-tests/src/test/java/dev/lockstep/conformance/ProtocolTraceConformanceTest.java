package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.sim.FaultEvent;
import dev.lockstep.trace.ActionCoverage;
import dev.lockstep.trace.SpecActions;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CI conformance of every registered protocol's core to its spec (Raft to Raft.tla, MultiPaxos to
 * MultiPaxos.tla, ...): the traces of a fixed set of seeded simulator runs (every fault kind:
 * crash/restart, partitions, loss, duplication, pauses, reordering) must each be a behaviour of
 * the protocol's trace spec (specs/&lt;specDir&gt;/Trace&lt;specModule&gt;.tla), and together they must
 * exercise every action of the spec, except the documented {@link #EXCLUDED} ones. A failure
 * prints the seed and the commands that reproduce the trace and its validation.
 */
class ProtocolTraceConformanceTest {

    static final long BASE_SEED = 2024;
    static final int RUNS = Integer.getInteger("lockstep.conformance.runs", 20);
    /** Client operations per run; the fault phase (2..8 s simulated) makes the traces ~0.7k..8k lines. */
    static final int OPS = 20;
    /**
     * Traces longer than this are simulated (the simulator's checkers still judge the run) but not
     * validated in CI: TLC's cost per line grows with the state a trace builds up, and an EPaxos
     * run with heavy loss on 5 replicas logs 10k-20k lines that take minutes each.
     * {@code -Dlockstep.conformance.maxLines=0} validates every trace (docs/verification.md).
     */
    static final long MAX_LINES = Long.getLong("lockstep.conformance.maxLines", 8000);
    /**
     * A run must have at least this many replica steps per node (at most {@link #MIN_STEPS} in
     * all) to count as exercising the protocol.
     */
    static final long MIN_STEPS_PER_NODE = 100;
    static final long MIN_STEPS = 300;

    /**
     * Spec actions that these runs need not exercise, as "protocol/Action", each with the reason.
     * Add an entry only with a reason a reader can check.
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "epaxos/WaitingNop", "a recovery waiting on a conflict that then commits without it, or on a"
                    + " second recovery past n - f - e answers: not in these 20 runs nor in 60 runs from the"
                    + " same base seed, nor in 20,000 TLC simulation behaviours of MCEPaxosSim.cfg; its trace"
                    + " is validated on a scripted schedule instead (dev.lockstep.epaxos.WaitingTraceTest;"
                    + " docs/protocols/epaxos.md, What the trace covers)",
            "epaxos/ValidateNop", "a recovery that validates and meets a committed conflict missing the"
                    + " instance: in these 20 runs with the string-only workload, not with the data-model"
                    + " workload (fewer conflicts per key); validated on a scripted schedule"
                    + " (dev.lockstep.epaxos.WaitingTraceTest, RecoveryDivergenceTest's schedule)",
            "epaxos/WaitingLateReply", "an answer from outside the recovery's quorum that arrives while it waits:"
                    + " once in these 20 runs, or not at all when a change of the core moves their schedules"
                    + " (it did twice); validated on a scripted schedule as well"
                    + " (dev.lockstep.epaxos.WaitingTraceTest)");

    /**
     * Every registered protocol but the previews (no trace spec yet), or those of
     * {@code -Dlockstep.test.protocols} (comma-separated).
     */
    static List<String> protocols() {
        String only = System.getProperty("lockstep.test.protocols", "").trim();
        List<String> validated = ProtocolRegistry.names().stream().filter(n -> !ProtocolRegistry.isPreview(n)).toList();
        if (only.isEmpty()) {
            return validated;
        }
        return List.of(only.split(",")).stream().map(String::trim).filter(validated::contains).toList();
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocols")
    void tracesOfSeededRunsAreBehavioursOfTheSpec(String name) throws IOException {
        Protocol protocol = ProtocolRegistry.get(name);
        long start = System.nanoTime();
        List<ConformanceTraces.Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(ConformanceTraces.simulate(protocol, BASE_SEED, i, OPS, dir));
        }
        long simulated = System.nanoTime();
        List<String> failures = new ArrayList<>();
        for (ConformanceTraces.Run run : runs) {
            long minSteps = Math.min(MIN_STEPS, MIN_STEPS_PER_NODE * run.result().options().clusterSize());
            if (run.result().replicaSteps() < minSteps) {
                failures.add("seed " + run.seed() + " has only " + run.result().replicaSteps() + " replica steps");
            }
        }
        List<ConformanceTraces.Run> checked = withinLineCap(runs);
        assertTrue(checked.size() * 2 >= runs.size(), "fewer than half of the traces are within "
                + MAX_LINES + " lines: raise lockstep.conformance.maxLines or shorten the runs");
        TraceValidator validator = ConformanceTraces.validator(protocol, true);
        List<Validation> results = validator.validateAll(ConformanceTraces.traces(checked), ConformanceTraces.PARALLEL);
        long lines = 0;
        for (int k = 0; k < checked.size(); k++) {
            ConformanceTraces.Run run = checked.get(k);
            Validation v = results.get(k);
            ConformanceTraces.print(run, v);
            lines += v.lines();
            if (!v.accepted()) {
                failures.add(v.outcome() + " seed " + run.seed() + ": reproduce with\n  " + run.replay());
            }
        }
        ActionCoverage coverage = new ActionCoverage(SpecActions.read(validator.spec().specTla()));
        results.forEach(coverage::add);
        coverage.report().forEach(System.out::println);
        System.out.printf(name + ": %d runs, %d traces validated, %d trace lines: simulated in %.1f s, validated in %.1f s"
                + " (%d TLC forks at a time)%n", runs.size(), checked.size(), lines, (simulated - start) / 1e9, (System.nanoTime() - simulated) / 1e9,
                ConformanceTraces.PARALLEL);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        List<String> missing = coverage.neverOccurred().stream()
                .filter(a -> !EXCLUDED.containsKey(name + "/" + a)).toList();
        assertTrue(missing.isEmpty(), protocol.specModule() + ".tla actions that no trace exercised (exclude them "
                + "in EXCLUDED only with a reason): " + missing);
        assertEveryFaultKindScheduled(runs, protocol.traits().sizes().max() > 1);
    }

    /** The runs whose traces have at most {@link #MAX_LINES} lines (all when it is 0); the others are named. */
    private static List<ConformanceTraces.Run> withinLineCap(List<ConformanceTraces.Run> runs) {
        List<ConformanceTraces.Run> within = new ArrayList<>();
        for (ConformanceTraces.Run run : runs) {
            int lines = run.result().trace().size();
            if (MAX_LINES <= 0 || lines <= MAX_LINES) {
                within.add(run);
            } else {
                System.out.printf("  not validated in CI: seed %d, %d trace lines > %d (lockstep.conformance.maxLines)%n",
                        run.seed(), lines, MAX_LINES);
            }
        }
        return within;
    }

    /**
     * Loss and duplication are network rates; partitions and crashes come from the schedules. A
     * one-replica protocol has no links to cut or messages to duplicate.
     */
    private static void assertEveryFaultKindScheduled(List<ConformanceTraces.Run> runs, boolean peers) {
        boolean loss = false;
        boolean dup = false;
        boolean partition = false;
        boolean crash = false;
        for (ConformanceTraces.Run r : runs) {
            loss |= r.result().options().network().loss() > 0;
            dup |= r.result().options().network().duplicate() > 0;
            for (FaultEvent e : r.result().options().schedule().events()) {
                partition |= e instanceof FaultEvent.Partition;
                crash |= e instanceof FaultEvent.Crash;
            }
        }
        assertTrue(loss && crash && (!peers || dup && partition), "fault kinds used: loss=" + loss + " dup=" + dup
                + " partition=" + partition + " crash=" + crash);
    }
}
