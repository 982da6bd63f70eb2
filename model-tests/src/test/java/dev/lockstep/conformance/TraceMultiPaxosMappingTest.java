package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.trace.SpecActions;
import dev.lockstep.trace.TraceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TraceMultiPaxos.tla must map every action of MultiPaxos.tla, and nothing else, to a trace line,
 * and MultiPaxos.tla must have exactly the contract's actions
 * (docs/protocols/multipaxos-contract.md, "Actions").
 */
class TraceMultiPaxosMappingTest {

    static final List<String> CONTRACT_ACTIONS = List.of("Prepare", "HandlePrepareRequest", "HandlePrepareResponse",
            "BecomeLeader", "ObserveBallot", "ClientRequest", "Accept", "HandleAcceptRequest", "HandleAcceptResponse",
            "AdvanceCommit", "CatchUp", "HandleCatchUpRequest", "InstallSnapshot", "HandleInstallSnapshotRequest",
            "Restart", "DuplicateMessage", "DropMessage");

    private final TraceSpec spec = ConformanceTraces.validator(ProtocolRegistry.get("multipaxos"), false).spec();

    @Test
    void multiPaxosHasTheContractsActions() throws IOException {
        assertEquals(new TreeSet<>(CONTRACT_ACTIONS), new TreeSet<>(SpecActions.read(spec.specTla())));
    }

    @Test
    void traceMultiPaxosMapsExactlyMultiPaxossActions() throws IOException {
        String traceSpec = Files.readString(spec.traceTla());
        int start = traceSpec.indexOf("LineStep(ln) ==");
        String lineStep = traceSpec.substring(start, traceSpec.indexOf("-----", start));
        Matcher m = Pattern.compile("ln\\.action = \"(\\w+)\"").matcher(lineStep);
        Set<String> mapped = new TreeSet<>();
        while (m.find()) {
            mapped.add(m.group(1));
        }
        assertEquals(new TreeSet<>(SpecActions.read(spec.specTla())), mapped);
    }
}
