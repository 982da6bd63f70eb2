package dev.lockstep.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's {@code specs/} folder: the system property {@value #PROPERTY} if set, else
 * {@code $lockstep.home/specs}, else the nearest {@code specs/} folder holding a protocol spec in
 * the working directory or one of its parents (so tests run from a module folder find it too).
 */
public final class SpecsRoot {

    public static final String PROPERTY = "lockstep.specs.root";

    private SpecsRoot() {}

    public static Optional<Path> locate() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given).toAbsolutePath().normalize());
        }
        String home = System.getProperty("lockstep.home");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home, "specs").toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path specs = dir.resolve("specs");
            if (Files.isDirectory(specs) && hasSpecFolder(specs)) {
                return Optional.of(specs.normalize());
            }
        }
        return Optional.empty();
    }

    private static boolean hasSpecFolder(Path specs) {
        try (var dirs = Files.list(specs)) {
            return dirs.anyMatch(d -> Files.isDirectory(d) && hasTla(d));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean hasTla(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tla"));
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
