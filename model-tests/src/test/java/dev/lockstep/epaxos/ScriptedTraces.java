package dev.lockstep.epaxos;

import dev.lockstep.core.Effect;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.trace.SpecsRoot;
import dev.lockstep.trace.TraceSpec;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.TraceWriter;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes the trace of a scripted EPaxos cluster (impl's tests) and validates it against EPaxos.tla. */
final class ScriptedTraces {
    private ScriptedTraces() {}

    static Validation validate(EPaxosCluster c, Path trace) throws IOException {
        List<TraceWriter.Line> lines = c.traces.stream().map(ScriptedTraces::line).toList();
        TraceWriter.writeAll(trace, lines);
        Protocol protocol = ProtocolRegistry.get("epaxos");
        Path specs = SpecsRoot.locate().orElseThrow();
        TraceValidator validator = new TraceValidator(new TraceSpec(specs.resolve(protocol.specDir()),
                protocol.specModule()), TraceValidator.Options.DEFAULT);
        return validator.validate(trace);
    }

    private static TraceWriter.Line line(Effect.Trace t) {
        return new TraceWriter.Line(t.action(), t.fields());
    }
}
