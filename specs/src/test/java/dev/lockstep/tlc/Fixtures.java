package dev.lockstep.tlc;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the toy specs under src/test/resources (copied to the test classes folder). */
final class Fixtures {

    private Fixtures() {}

    /** The folder standing in for {@code specs/}: holds toy/, broken/, slow/, overrides/. */
    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/toy").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** A one-worker job for {@code dir/MCx.tla} with {@code dir/cfg}. */
    static TlcJob job(String dir, String spec, String cfg) {
        return TlcJob.of(file(dir + "/" + spec), file(dir + "/" + cfg));
    }
}
