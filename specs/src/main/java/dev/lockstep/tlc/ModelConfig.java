package dev.lockstep.tlc;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One TLC config found by {@link SpecLayout}, with the spec it runs.
 *
 * @param kind where it was found (which decides when it runs)
 * @param cfg the {@code .cfg} file
 * @param spec the {@code .tla} it runs: the one with the same base name if it exists, else
 *     {@code MC<Spec>.tla}
 * @param libraryPath folders TLC must also search for modules (the protocol folder, for configs
 *     in {@code buggy/} whose modules extend the protocol's spec)
 * @param expectedViolation for a buggy config, the invariant or property it must violate
 * @param simulation set if the config asks for TLC's simulation mode
 *     ({@code \* tlc-mode: simulate ...}) instead of exhaustive model checking
 */
public record ModelConfig(Kind kind, Path cfg, Path spec, List<Path> libraryPath,
        Optional<String> expectedViolation, Optional<SimulationMode> simulation) {

    public enum Kind {
        /** {@code specs/<proto>/MC<Spec>*.cfg} except {@code *Deep.cfg}: run by CI. */
        CI,
        /** {@code specs/<proto>/MC<Spec>*Deep.cfg}: run by {@code --deep} / {@code -Pdeep}. */
        DEEP,
        /** {@code specs/<proto>/buggy/MC*.cfg}: must report its expected violation. */
        BUGGY,
        /** Named on the command line. */
        GIVEN
    }

    public ModelConfig {
        libraryPath = List.copyOf(libraryPath);
    }

    /** The config's file name, e.g. {@code MCRaft.cfg}. */
    public String name() {
        return cfg.getFileName().toString();
    }

    /**
     * A TLC job for this config; add timeouts etc. with its withers. It model-checks with
     * {@code workers} workers, or, for a simulation config, simulates with one worker (see
     * {@link TlcJob#simulation()}).
     */
    public TlcJob job(int workers) {
        TlcJob job = TlcJob.of(spec, cfg).withLibraryPath(libraryPath);
        return simulation.map(job::withSimulation).orElseGet(() -> job.withWorkers(workers));
    }
}
