package dev.lockstep.conformance;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.sim.FaultKind;
import dev.lockstep.sim.RunResult;
import dev.lockstep.sim.ScenarioGenerator;
import dev.lockstep.sim.SimOptions;
import dev.lockstep.sim.Simulation;
import dev.lockstep.trace.SpecsRoot;
import dev.lockstep.trace.TraceSpec;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Validation;
import dev.lockstep.trace.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * Seeded simulator runs with tracing on, their traces written as NDJSON and validated against
 * the protocol's TLA+ trace spec: the shared steps of the conformance tests.
 */
final class ConformanceTraces {

    /** TLC forks at a time: this machine's cores, at most two (each fork also runs GC threads). */
    static final int PARALLEL = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    /** One simulated run and where its trace was written. */
    record Run(Protocol protocol, long seed, int ops, RunResult result, Path trace) {

        /** The two commands that reproduce this run's trace and its validation. */
        String replay() {
            String extra = ProtocolRegistry.find(protocol.name()).isPresent() ? ""
                    : " (a test-only core of impl's test-jar: add -Dlockstep.protocols.extra=<its Broken...Variants"
                            + " class>#all and impl's test classes to the class path)";
            return "./lockstep simulate --protocol " + protocol.name() + " --seed " + seed
                    + (ops == ScenarioGenerator.DEFAULT_OPS ? "" : " --ops " + ops)
                    + " --trace-out t.ndjson" + extra + "\n  then: ./lockstep trace-check --protocol "
                    + specProtocol(protocol) + " t.ndjson";
        }
    }

    private ConformanceTraces() {}

    /** Simulates seed {@code i} of {@code base} with every fault kind and writes its trace into {@code dir}. */
    static Run simulate(Protocol protocol, long base, int i, int ops, Path dir) throws IOException {
        long seed = ScenarioGenerator.runSeed(base, i);
        SimOptions options = ScenarioGenerator.fromSeed(protocol, seed, EnumSet.allOf(FaultKind.class), ops);
        RunResult result = Simulation.run(protocol, options, true);
        Path trace = dir.resolve(protocol.name() + "-seed-" + seed + ".ndjson");
        TraceWriter.writeAll(trace, result.trace());
        return new Run(protocol, seed, ops, result, trace);
    }

    /**
     * The trace spec of {@code protocol}: specs/&lt;specDir&gt;/Trace&lt;specModule&gt;.tla, taken from its
     * registry entry (a broken variant traces against the spec of the protocol it breaks).
     */
    static TraceValidator validator(Protocol protocol, boolean diagnose) {
        Path specs = SpecsRoot.locate().orElseThrow(() -> new IllegalStateException(
                "cannot find the specs/ folder from " + Path.of("").toAbsolutePath()));
        return new TraceValidator(new TraceSpec(specs.resolve(protocol.specDir()), protocol.specModule()),
                TraceValidator.Options.DEFAULT.withDiagnose(diagnose));
    }

    /** The registered protocol whose spec {@code protocol} is validated against. */
    static String specProtocol(Protocol protocol) {
        return ProtocolRegistry.names().stream()
                .filter(n -> ProtocolRegistry.get(n).specDir().equals(protocol.specDir()))
                .findFirst().orElse(protocol.specDir());
    }

    static void print(Run run, Validation v) {
        System.out.println(run.result().summary() + " trace=" + run.result().trace().size() + " lines");
        ValidationReport.lines(v).forEach(line -> System.out.println("  " + line));
    }

    static List<Path> traces(List<Run> runs) {
        return runs.stream().map(Run::trace).toList();
    }
}
