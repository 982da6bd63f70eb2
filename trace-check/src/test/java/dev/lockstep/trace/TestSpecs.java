package dev.lockstep.trace;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The specs the tests validate against. */
final class TestSpecs {
    private TestSpecs() {}

    static Path specsRoot() {
        return SpecsRoot.locate().orElseThrow(() -> new IllegalStateException("cannot find specs/; set -D"
                + SpecsRoot.PROPERTY));
    }

    /** specs/raft: Raft.tla, TraceRaft.tla, TraceRaft.cfg. */
    static TraceSpec raft() {
        return new TraceSpec(specsRoot().resolve("raft"), "Raft");
    }

    /** The toy protocol of the test resources (toy/Toy.tla, TraceToy.tla, TraceToy.cfg). */
    static TraceSpec toy() {
        try {
            return new TraceSpec(Path.of(TestSpecs.class.getResource("/toy/TraceToy.tla").toURI()).getParent(), "Toy");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
