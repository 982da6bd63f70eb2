package dev.lockstep.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deletes the per-run temporary folders of {@link TlcRunner}. */
final class TempFiles {

    private TempFiles() {}

    /** Deletes {@code dir} and everything under it; best effort (a leftover is only litter). */
    static void deleteRecursively(Path dir) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // Keep deleting the rest.
            }
        }
    }
}
