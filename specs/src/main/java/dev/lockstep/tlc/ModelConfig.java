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
 */
public record ModelConfig(Kind kind, Path cfg, Path spec, List<Path> libraryPath,
        Optional<String> expectedViolation) {

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

    /** A TLC job for this config with the given workers; add timeouts etc. with its withers. */
    public TlcJob job(int workers) {
        return TlcJob.of(spec, cfg).withWorkers(workers).withLibraryPath(libraryPath);
    }
}
