package dev.lockstep.trace;

import dev.lockstep.tlc.TlcResult;
import dev.lockstep.tlc.TraceState;
import dev.lockstep.trace.tlc.TraceFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Validates traces against a protocol's trace spec with TLC (docs/verification.md, "Trace validation"): reads the
 * trace, generates the config, runs TLC in a forked JVM, and decides from the furthest line any
 * behaviour reached whether every line was matched. When a line is not, a second, diagnostic run
 * skips that line's logged-value checks to learn what the spec does there, for the report.
 */
public final class TraceValidator {

    /**
     * How to validate.
     *
     * @param timeout per TLC run
     * @param skipChecks invariants/properties of the config template not to check
     * @param nodes the node set; empty: the nodes the trace mentions
     * @param diagnose run the diagnostic second run on a rejection
     * @param extraJvmArgs for the TLC fork, e.g. {@code -Xmx2g}; the default runs the JIT's first
     *     tier only ({@code -XX:TieredStopAtLevel=1}), which halved the CPU time of validating
     *     simulator traces of 2k to 8k lines (the optimising tier does not pay off in such short
     *     runs)
     */
    public record Options(Duration timeout, Set<String> skipChecks, List<String> nodes, boolean diagnose,
            List<String> extraJvmArgs) {

        public static final Options DEFAULT = new Options(Duration.ofMinutes(10), Set.of(), List.of(), true,
                List.of("-XX:TieredStopAtLevel=1"));

        public Options {
            skipChecks = Set.copyOf(skipChecks);
            nodes = List.copyOf(nodes);
            extraJvmArgs = List.copyOf(extraJvmArgs);
        }

        public Options withSkipChecks(Set<String> s) {
            return new Options(timeout, s, nodes, diagnose, extraJvmArgs);
        }

        public Options withNodes(List<String> n) {
            return new Options(timeout, skipChecks, n, diagnose, extraJvmArgs);
        }

        public Options withDiagnose(boolean d) {
            return new Options(timeout, skipChecks, nodes, d, extraJvmArgs);
        }

        public Options withTimeout(Duration t) {
            return new Options(t, skipChecks, nodes, diagnose, extraJvmArgs);
        }
    }

    private final TraceSpec spec;
    private final Options options;
    private final TlcTraceRun tlc;

    public TraceValidator(TraceSpec spec, Options options) {
        this.spec = spec;
        this.options = options;
        this.tlc = new TlcTraceRun(options.timeout(), options.extraJvmArgs());
    }

    public TraceSpec spec() {
        return spec;
    }

    /** Validates one trace. Never throws for a bad trace or a failed TLC run: see the outcome. */
    public Validation validate(Path tracePath) {
        long start = System.nanoTime();
        Path path = tracePath.toAbsolutePath().normalize();
        try {
            String missing = missingSpecFile();
            if (missing != null) {
                return Validation.error(path, missing, since(start));
            }
            TraceFile trace = TraceFile.read(path);
            TraceConfig config = TraceConfig.load(spec.cfgTemplate()).without(options.skipChecks());
            Collection<String> nodes = options.nodes().isEmpty() ? trace.nodes() : options.nodes();
            TlcTraceRun.Result run = tlc.run(spec, config, nodes, path, 0, List.of());
            return verdict(trace, config, nodes, run, start);
        } catch (TraceFormatException e) {
            return Validation.error(path, e.getMessage(), since(start));
        } catch (IOException | RuntimeException e) {
            return Validation.error(path, "cannot validate " + path + ": " + e, since(start));
        }
    }

    /** Validates several traces, at most {@code parallel} TLC forks at a time; results in input order. */
    public List<Validation> validateAll(List<Path> traces, int parallel) {
        if (parallel <= 1 || traces.size() <= 1) {
            return traces.stream().map(this::validate).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, traces.size()));
        try {
            List<Future<Validation>> futures = new ArrayList<>();
            for (Path t : traces) {
                futures.add(pool.submit(() -> validate(t)));
            }
            List<Validation> out = new ArrayList<>();
            for (Future<Validation> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating traces", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a validation failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private String missingSpecFile() {
        for (Path f : List.of(spec.traceTla(), spec.cfgTemplate())) {
            if (!Files.isRegularFile(f)) {
                return "trace spec file not found: " + f;
            }
        }
        return null;
    }

    private Validation verdict(TraceFile trace, TraceConfig config, Collection<String> nodes,
            TlcTraceRun.Result run, long start) throws IOException {
        TlcResult r = run.tlc();
        long distinct = r.stats().distinct();
        if (r.outcome() == TlcResult.Outcome.VIOLATION) {
            ViolationReport v = violation(trace, r);
            int matched = Math.max(0, v.line());
            return new Validation(trace.path(), Validation.Outcome.VIOLATION, trace.size(), matched, distinct,
                    since(start), Optional.empty(), Optional.of(v), null, trace.actionCounts(matched));
        }
        if (r.outcome() != TlcResult.Outcome.PASSED) {
            return Validation.error(trace.path(), "TLC did not finish the validation: " + r.error()
                    + stoppedAt(trace, run.progress()), since(start));
        }
        if (run.progress().isEmpty()) {
            return Validation.error(trace.path(), "TLC finished but wrote no progress file: is "
                    + "tlc2.overrides.TLCOverrides on its class path?", since(start));
        }
        int furthest = run.progress().get().furthest();
        if (furthest == trace.size() + 1) {
            return new Validation(trace.path(), Validation.Outcome.ACCEPTED, trace.size(), trace.size(), distinct,
                    since(start), Optional.empty(), Optional.empty(), null, trace.actionCounts(trace.size()));
        }
        Rejection rejection = diagnose(trace, config, nodes, furthest, run.progress().get());
        return new Validation(trace.path(), Validation.Outcome.REJECTED, trace.size(), furthest - 1, distinct,
                since(start), Optional.of(rejection), Optional.empty(), null, trace.actionCounts(furthest - 1));
    }

    /** Explains why line {@code line} failed, with a diagnostic run that relaxes its checks. */
    private Rejection diagnose(TraceFile trace, TraceConfig config, Collection<String> nodes, int line,
            Progress main) throws IOException {
        Optional<Progress> relaxed = Optional.empty();
        if (options.diagnose()) {
            TlcTraceRun.Result d = tlc.run(spec, config.without(Set.copyOf(config.checks())), nodes, trace.path(),
                    line, List.of(line, line + 1));
            relaxed = d.progress();
        }
        return RejectionAnalysis.explain(trace.line(line), main, relaxed, SpecActions.tryRead(spec));
    }

    /** Where an evaluation error struck: the line TLC was matching, if it got that far. */
    private static String stoppedAt(TraceFile trace, Optional<Progress> progress) {
        if (progress.isEmpty() || progress.get().furthest() < 1 || progress.get().furthest() > trace.size()) {
            return "";
        }
        TraceLine line = trace.line(progress.get().furthest());
        return "\n(TLC stopped while matching line " + line.number() + ": " + line.raw() + ")";
    }

    private static ViolationReport violation(TraceFile trace, TlcResult r) {
        List<TraceState> states = r.behavior().states();
        Map<String, String> last = states.isEmpty() ? Map.of() : states.get(states.size() - 1).variables();
        int cursor = parseInt(last.get("l"), 1);
        int line = Math.max(0, cursor - 1);
        String raw = line >= 1 && line <= trace.size() ? trace.line(line).raw() : "";
        return new ViolationReport(r.violation().headline(), line, raw, r.violation().description(), last);
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
