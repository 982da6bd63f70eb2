package dev.lockstep.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generic tools know protocols only through the registry (docs/anatomy.md): no code under
 * model-tests/src/main, server/src/main or trace-check/src/main names a protocol's package or
 * class, nor the leader-protocol role enum; what they need to know about a protocol is a trait,
 * a parameter or a field of its registry entry. Comments may name protocols.
 */
class GenericToolsTest {
    private static final List<Path> GENERIC = List.of(Path.of("..", "model-tests", "src", "main"),
            Path.of("..", "server", "src", "main"), Path.of("..", "trace-check", "src", "main"));

    /** The packages of the registered protocols, as their codecs live there. */
    private static Set<String> protocolPackages() {
        Set<String> packages = new TreeSet<>();
        for (String name : ProtocolRegistry.names()) {
            Protocol p = ProtocolRegistry.get(name);
            packages.add(p.codec().getClass().getPackageName());
        }
        return packages;
    }

    @Test
    void noGenericToolNamesAProtocol() throws IOException {
        Set<String> packages = protocolPackages();
        assertTrue(packages.containsAll(Set.of("dev.lockstep.raft", "dev.lockstep.multipaxos",
                "dev.lockstep.repnothing", "dev.lockstep.simplepush")), packages.toString());
        StringBuilder alternatives = new StringBuilder();
        for (String pkg : packages) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(pkg));
        }
        Pattern named = Pattern.compile("(?:" + alternatives + ")\\b|\\bdev\\.lockstep\\.common\\.Role\\b");
        List<String> findings = new ArrayList<>();
        int files = 0;
        for (Path root : GENERIC) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " (run from the server module)");
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path f : (Iterable<Path>) paths.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    files++;
                    findings.addAll(scan(f.toString(), Files.readString(f), named));
                }
            }
        }
        assertTrue(files > 100, "scanned " + files + " files");
        assertEquals(List.of(), findings);
    }

    @Test
    void aPlantedNameIsFound() {
        Pattern named = Pattern.compile(Pattern.quote("dev.lockstep.raft") + "\\b");
        assertFalse(scan("X.java", "import dev.lockstep.raft.RaftReplica;", named).isEmpty());
        assertTrue(scan("X.java", "/** see dev.lockstep.raft.RaftReplica */ // dev.lockstep.raft", named).isEmpty(),
                "comments may name protocols");
    }

    private static List<String> scan(String file, String code, Pattern named) {
        String stripped = code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        List<String> found = new ArrayList<>();
        Matcher m = named.matcher(stripped);
        while (m.find()) {
            found.add(file + ": " + m.group());
        }
        return found;
    }
}
