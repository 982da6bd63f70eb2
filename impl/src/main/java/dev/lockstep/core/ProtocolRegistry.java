package dev.lockstep.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Maps a protocol name to its {@link Protocol}. Adding a protocol means adding one line to
 * {@link #ENTRIES}.
 */
public final class ProtocolRegistry {

    private static final List<Supplier<Protocol>> ENTRIES = List.of(
            // one line per protocol, e.g. dev.lockstep.raft.RaftProtocol::descriptor
            dev.lockstep.raft.RaftProtocol::descriptor,
            dev.lockstep.multipaxos.MultiPaxosProtocol::descriptor,
            dev.lockstep.multipaxos.RSPaxosProtocol::descriptor,
            dev.lockstep.raft.CRaftProtocol::descriptor,
            dev.lockstep.repnothing.RepNothingProtocol::descriptor,
            dev.lockstep.simplepush.SimplePushProtocol::descriptor,
            dev.lockstep.epaxos.EPaxosProtocol::descriptor
    );

    /**
     * Registered protocols whose traces are not validated yet (their trace spec is still to
     * come): every other generic check runs them (the simulator, the server, the cluster
     * scenarios), trace conformance skips them, and the docs call them previews.
     */
    private static final Set<String> PREVIEW = Set.of();

    private static final Map<String, Protocol> BY_NAME = index();

    private ProtocolRegistry() {}

    private static Map<String, Protocol> index() {
        Map<String, Protocol> byName = new TreeMap<>();
        for (Supplier<Protocol> entry : ENTRIES) {
            Protocol p = entry.get();
            if (byName.put(p.name(), p) != null) {
                throw new IllegalStateException("two protocols named " + p.name());
            }
        }
        return byName;
    }

    public static Optional<Protocol> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The protocol named {@code name}, or an exception listing the known names. */
    public static Protocol get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown protocol '" + name + "'; known: " + String.join(", ", names())));
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** True for a registered protocol whose traces are not validated yet ({@link #PREVIEW}). */
    public static boolean isPreview(String name) {
        return PREVIEW.contains(name);
    }
}
