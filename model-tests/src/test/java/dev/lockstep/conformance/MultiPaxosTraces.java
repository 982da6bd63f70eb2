package dev.lockstep.conformance;

import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.multipaxos.MultiPaxosProtocol;
import dev.lockstep.sim.ScenarioGenerator;
import dev.lockstep.trace.SpecsRoot;
import dev.lockstep.trace.TraceSpec;
import dev.lockstep.trace.TraceValidator;
import java.nio.file.Path;

/**
 * The MultiPaxos side of the conformance tests: its trace spec
 * (specs/multipaxos/TraceMultiPaxos.tla) and how to reproduce one of its runs by hand.
 */
final class MultiPaxosTraces {

    private MultiPaxosTraces() {}

    /** The MultiPaxos trace spec: specs/multipaxos/TraceMultiPaxos.tla. */
    static TraceValidator validator(boolean diagnose) {
        Path specs = SpecsRoot.locate().orElseThrow(() -> new IllegalStateException(
                "cannot find the specs/ folder from " + Path.of("").toAbsolutePath()));
        TraceSpec spec = new TraceSpec(specs.resolve(MultiPaxosProtocol.SPEC_DIR), MultiPaxosProtocol.SPEC_MODULE);
        return new TraceValidator(spec, TraceValidator.Options.DEFAULT.withDiagnose(diagnose));
    }

    /** The two commands that reproduce {@code run}'s trace and its validation. */
    static String replay(ConformanceTraces.Run run) {
        String protocol = run.result().protocol();
        String extra = ProtocolRegistry.find(protocol).isPresent() ? ""
                : " (a test-only core: run with -Dlockstep.protocols.extra="
                        + "dev.lockstep.multipaxos.BrokenMultiPaxosVariants#all and impl's test classes on the class path)";
        return "./lockstep simulate --protocol " + protocol + " --seed " + run.seed()
                + (run.ops() == ScenarioGenerator.DEFAULT_OPS ? "" : " --ops " + run.ops())
                + " --trace-out t.ndjson" + extra + "\n  then: ./lockstep trace-check --protocol multipaxos t.ndjson";
    }
}
