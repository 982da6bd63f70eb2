package dev.lockstep.sim;

import dev.lockstep.core.Protocol;
import dev.lockstep.trace.TraceWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lockstep simulate}: runs one seed or many through the deterministic simulator and
 * prints one summary line per run, the options and failure of each failing run with its replay
 * command, and a final count. Exit 0 when every run passed, 1 on any failure, 2 on usage errors.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deterministic cluster simulation with fault injection and checkers.")
public final class SimulateMain implements Callable<Integer> {

    @Option(names = "--protocol", required = true, description = "protocol name, e.g. raft")
    String protocolName;

    @Option(names = "--seed", description = "seed of the (first) run; default: a random one, printed")
    Long seed;

    @Option(names = "--runs", defaultValue = "1", description = "number of runs; seed i>0 is derived from --seed")
    int runs;

    @Option(names = "--ops", defaultValue = "" + ScenarioGenerator.DEFAULT_OPS, description = "client operations per run")
    int ops;

    @Option(names = "--faults", defaultValue = "all",
            description = "fault kinds: all, none, or a list of loss,dup,partition,crash,pause,reorder,clock")
    String faults;

    @Option(names = "--schedule", description = "explicit fault schedule replacing the seed's, e.g. "
            + "\"part@100+300:n1,n2 crash@900+400:leader pause@1200+80:n3 jump@1500+2000:n2\"")
    String schedule;

    @Option(names = "--end-sessions", defaultValue = "0", description = "clients end their session and open a "
            + "new one after every N answered operations (0: one session per client)")
    int endSessions;

    @Option(names = "--trace-out", description = "write the trace (NDJSON) here; with several runs, "
            + "one file per run with the seed before the extension")
    Path traceOut;

    @Option(names = "--verbose", description = "print every run's options")
    boolean verbose;

    private final PrintStream out;

    SimulateMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new SimulateMain(out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                err.println("simulate: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        Protocol protocol = ProtocolLookup.find(protocolName).orElseThrow(() -> new IllegalArgumentException(
                "unknown protocol '" + protocolName + "'; known: " + String.join(", ", ProtocolLookup.knownNames())));
        Set<FaultKind> kinds = FaultKind.parseList(faults);
        if (runs < 1 || ops < 0 || endSessions < 0) {
            throw new IllegalArgumentException("--runs must be >= 1, --ops and --end-sessions >= 0");
        }
        long base = seed != null ? seed : new java.util.SplittableRandom().nextLong() >>> 1;
        if (seed == null) {
            out.println("base seed " + base + " (random; pass --seed " + base + " to repeat)");
        }
        int failed = 0;
        for (int i = 0; i < runs; i++) {
            SimOptions options = options(protocol, ScenarioGenerator.runSeed(base, i), kinds);
            if (i == 0) {
                out.println(protocol.name() + ": " + traitsLine(protocol));
                out.println("checkers:");
                Simulation.plan(protocol, options).lines().forEach(line -> out.println("  " + line));
            }
            if (verbose || runs == 1) {
                out.println("options: " + options.describe());
            }
            RunResult result = Simulation.run(protocol, options, traceOut != null);
            out.println(result.summary());
            if (traceOut != null) {
                Path file = runs == 1 ? traceOut : perRun(traceOut, options.seed());
                int lines = TraceWriter.writeAll(file, result.trace());
                out.println("trace: " + lines + " lines -> " + file);
            }
            if (!result.passed()) {
                failed++;
                if (!verbose && runs > 1) {
                    out.println("options: " + options.describe());
                }
                out.println(result.failure().get().describe());
            }
        }
        out.println(runs + " runs, " + (runs - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private static String traitsLine(Protocol p) {
        var t = p.traits();
        return "guarantee " + t.guarantee().text() + ", execution order " + t.order().text() + ", "
                + switch (t.leadership()) {
                    case STABLE_LEADER -> "a stable leader";
                    case LEADER -> "a leader";
                    case LEADERLESS -> "no leader";
                } + ", " + t.sizes().describe();
    }

    private SimOptions options(Protocol protocol, long runSeed, Set<FaultKind> kinds) {
        SimOptions options = ScenarioGenerator.fromSeed(protocol, runSeed, kinds, ops);
        if (endSessions > 0) {
            options = options.withEndSessionEvery(endSessions);
        }
        if (schedule != null) {
            options = options.withSchedule(FaultSchedule.parse(schedule, options.clusterSize()));
        }
        return options;
    }

    private static Path perRun(Path file, long seed) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return file.resolveSibling(stem + "-" + seed + ext);
    }
}
