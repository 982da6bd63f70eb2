package dev.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of impl depend on each other in one direction only: {@code base} on nothing,
 * {@code kv} on {@code base}, {@code core} (the contract) on both, {@code common} (shared protocol
 * building blocks) on those, and each protocol package on all of them but never on another
 * protocol. So the contract has no cycle and a protocol can be read, removed or added alone.
 */
class PackageLayeringTest {

    /** Which lockstep packages each layer may import. A protocol package may import only itself and these. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "base", Set.of(),
            "kv", Set.of("base"),
            "core", Set.of("base", "kv"),
            "common", Set.of("base", "kv", "core"));
    private static final Set<String> PROTOCOL_MAY_USE = Set.of("base", "kv", "core", "common");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.lockstep\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.lockstep\\.(\\w+)\\.[A-Z]");

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() throws IOException {
        Path root = Path.of("src", "main", "java", "dev", "lockstep");
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
                files++;
                String pkg = root.relativize(p).getName(0).toString();
                String text = withoutComments(Files.readString(p));
                for (String used : uses(text)) {
                    if (!used.equals(pkg) && !allowed(pkg, used)) {
                        problems.add(root.relativize(p) + " (" + pkg + ") uses " + used);
                    }
                }
            }
        }
        assertTrue(files > 50, "scanned " + files + " files");
        assertEquals(List.of(), problems.stream().filter(pr -> !pr.contains("core/ProtocolRegistry")).toList());
    }

    /** The registry is the one place the contract names protocols: it lists their descriptors. */
    @Test
    void onlyTheRegistryNamesProtocolsFromTheContract() throws IOException {
        String registry = withoutComments(Files.readString(Path.of("src/main/java/dev/lockstep/core/ProtocolRegistry.java")));
        assertTrue(uses(registry).containsAll(Set.of("raft", "multipaxos")), "the registry lists protocol descriptors");
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    @Test
    void aPlantedCycleIsFound() {
        assertTrue(uses("package dev.lockstep.kv;\nimport dev.lockstep.core.Effect;\n").contains("core"));
        assertTrue(!allowed("kv", "core") && !allowed("raft", "multipaxos") && allowed("raft", "common"));
    }

    private static boolean allowed(String pkg, String used) {
        Set<String> layer = ALLOWED.get(pkg);
        return layer != null ? layer.contains(used) : PROTOCOL_MAY_USE.contains(used);
    }

    private static Set<String> uses(String text) {
        Set<String> used = new java.util.TreeSet<>();
        for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        return used;
    }
}
