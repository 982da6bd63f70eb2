package dev.lockstep.trace;

import dev.lockstep.core.Protocol;
import java.nio.file.Path;

/**
 * Where a protocol's trace-validation spec lives: {@code <dir>/Trace<module>.tla}, which EXTENDS
 * {@code <dir>/<module>.tla}, and {@code <dir>/Trace<module>.cfg}, the fixed part of its TLC
 * config (the validator appends the constants it reads from each trace; see
 * {@link TraceConfig}).
 *
 * @param dir the protocol's spec folder, e.g. {@code specs/raft}
 * @param module the protocol's spec module, e.g. {@code Raft}
 */
public record TraceSpec(Path dir, String module) {

    public TraceSpec {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The spec of a registered protocol under {@code specsRoot}. */
    public static TraceSpec of(Protocol protocol, Path specsRoot) {
        return new TraceSpec(specsRoot.resolve(protocol.specDir()), protocol.specModule());
    }

    public String traceModule() {
        return "Trace" + module;
    }

    public Path traceTla() {
        return dir.resolve(traceModule() + ".tla");
    }

    public Path specTla() {
        return dir.resolve(module + ".tla");
    }

    public Path cfgTemplate() {
        return dir.resolve(traceModule() + ".cfg");
    }
}
