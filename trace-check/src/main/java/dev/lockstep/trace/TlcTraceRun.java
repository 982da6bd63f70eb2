package dev.lockstep.trace;

import com.fasterxml.jackson.core.JsonFactory;
import dev.lockstep.tlc.TlcJob;
import dev.lockstep.tlc.TlcListener;
import dev.lockstep.tlc.TlcResult;
import dev.lockstep.tlc.TlcRunner;
import dev.lockstep.trace.tlc.NDJsonOverride;
import dev.lockstep.trace.tlc.ProgressRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One TLC run of a trace spec over one trace, forked through {@link TlcRunner}: copies the spec's
 * modules, the NDJson/TraceProgress modules and the generated config into a fresh folder (TLC
 * 2.18 cannot read a config outside the folder of a spec given by absolute path, and the copy
 * also keeps a spec edited meanwhile out of a running check), puts this module's classes (the
 * overrides and {@code tlc2.overrides.TLCOverrides}) and jackson-core on the fork's class path,
 * runs breadth-first with deadlock checking off (a trace that cannot be extended is the
 * validator's business, not an error), and reads back the progress side file.
 */
final class TlcTraceRun {

    /** The TLA+ modules of the overrides, shipped as resources of this module. */
    static final List<String> LIBRARY_MODULES = List.of("NDJson.tla", "TraceProgress.tla", "NodeNames.tla", "TraceCommon.tla", "TlaJson.tla");
    private static final String RESOURCE_DIR = "/dev/lockstep/trace/tla/";

    record Result(TlcResult tlc, Optional<Progress> progress) {}

    private final TlcRunner runner = new TlcRunner();
    private final Duration timeout;
    private final List<String> extraJvmArgs;

    TlcTraceRun(Duration timeout, List<String> extraJvmArgs) {
        this.timeout = timeout;
        this.extraJvmArgs = List.copyOf(extraJvmArgs);
    }

    /**
     * Runs {@code spec} over {@code trace}.
     *
     * @param relaxLine the line whose logged values are not checked (0: none)
     * @param watch lines at which the fork keeps the spec's views
     */
    Result run(TraceSpec spec, TraceConfig config, Collection<String> nodes, Path trace, int relaxLine,
            List<Integer> watch) throws IOException {
        Path work = Files.createTempDirectory("lockstep-trace-");
        try {
            Path dir = Files.createDirectories(work.resolve("spec"));
            copySpecModules(spec.dir(), dir);
            copyLibraryModules(dir);
            Path cfg = dir.resolve(spec.traceModule() + "-generated.cfg");
            Files.writeString(cfg, config.render(nodes, trace, relaxLine), StandardCharsets.UTF_8);
            Path progressFile = work.resolve("progress.json");
            TlcJob job = TlcJob.of(dir.resolve(spec.traceTla().getFileName()), cfg)
                    .withExtraClassPath(overrideClassPath())
                    .withExtraJvmArgs(jvmArgs(progressFile, watch, lineCount(trace)))
                    .withExtraTlcArgs(List.of("-deadlock"))
                    .withTimeout(timeout);
            TlcResult tlc = runner.run(job, TlcListener.NONE);
            return new Result(tlc, Progress.read(progressFile));
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Traces longer than this run with the JIT's optimising tier even where the options ask for the
     * first tier only: on an EPaxos trace of 6k lines the first tier alone took 42 s of CPU, both
     * tiers 29 s (the first tier's saving is in start-up, which a long run amortises).
     */
    static final long LONG_TRACE_LINES = 3000;
    static final String FIRST_TIER_ONLY = "-XX:TieredStopAtLevel=1";

    private List<String> jvmArgs(Path progressFile, List<Integer> watch, long lines) {
        List<String> args = new ArrayList<>(extraJvmArgs);
        if (lines > LONG_TRACE_LINES) {
            args.remove(FIRST_TIER_ONLY);
        }
        args.add("-D" + ProgressRecorder.OUTPUT_PROPERTY + "=" + progressFile);
        if (!watch.isEmpty()) {
            args.add("-D" + ProgressRecorder.WATCH_PROPERTY + "="
                    + watch.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return args;
    }

    private static long lineCount(Path trace) throws IOException {
        try (var lines = Files.lines(trace, StandardCharsets.UTF_8)) {
            return lines.count();
        }
    }

    /** This module's classes (or jar) and jackson-core, which the NDJSON reader uses. */
    static List<Path> overrideClassPath() {
        return List.of(codeSource(NDJsonOverride.class), codeSource(JsonFactory.class));
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c.getName(), e);
        }
    }

    static void copySpecModules(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tla")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void copyLibraryModules(Path dir) throws IOException {
        for (String module : LIBRARY_MODULES) {
            try (InputStream in = TlcTraceRun.class.getResourceAsStream(RESOURCE_DIR + module)) {
                if (in == null) {
                    throw new IOException("resource " + RESOURCE_DIR + module + " is missing from the trace-check classes");
                }
                Files.copy(in, dir.resolve(module), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Only litter in the temporary folder.
        }
    }
}
