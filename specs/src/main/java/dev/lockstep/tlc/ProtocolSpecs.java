package dev.lockstep.tlc;

import java.nio.file.Path;

/**
 * A protocol's spec folder.
 *
 * @param name the folder name, which is the name users type ({@code raft})
 * @param dir {@code specs/<name>}
 * @param module the spec module ({@code Raft}); its configs are {@code MC<module>*.cfg}
 */
public record ProtocolSpecs(String name, Path dir, String module) {}
