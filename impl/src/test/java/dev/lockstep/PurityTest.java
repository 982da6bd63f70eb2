package dev.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pure cores stay pure: no file under impl/src/main may use the network, clocks, global
 * randomness, threads or concurrency, the file system, logging or {@code synchronized}. Code is
 * scanned with comments and string literals removed, so documentation may name what it avoids.
 */
class PurityTest {

    /** Each forbidden use with the reason it is forbidden. */
    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden("\\bio\\.netty\\b", "network I/O (Netty)"),
            new Forbidden("\\bjava\\.time\\b", "clocks (java.time)"),
            new Forbidden("\\bjava\\.util\\.Random\\b|\\bThreadLocalRandom\\b|\\bSecureRandom\\b|\\bMath\\.random\\b",
                    "global randomness (use the seeded Prng)"),
            new Forbidden("\\bjava\\.util\\.concurrent\\b", "concurrency"),
            new Forbidden("\\bjava\\.nio\\.file\\b|\\bjava\\.io\\.File\\w*|\\bnew\\s+File\\w*\\s*\\(|\\bRandomAccessFile\\b",
                    "the file system"),
            new Forbidden("\\bThread\\b|\\bparallelStream\\s*\\(|\\.parallel\\s*\\(\\s*\\)", "threads"),
            new Forbidden("\\bSystem\\s*\\.\\s*(currentTimeMillis|nanoTime)\\b|\\bjava\\.util\\.Date\\b", "system clocks"),
            new Forbidden("\\borg\\.slf4j\\b|\\bjava\\.util\\.logging\\b|\\bSystem\\s*\\.\\s*(out|err)\\b", "logging"),
            new Forbidden("\\bsynchronized\\b", "locking (synchronized)"));

    record Forbidden(String regex, String why) {
        Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    @Test
    void noMainSourceUsesAnythingImpure() throws IOException {
        Path root = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(root), "run from the impl module: " + root.toAbsolutePath());
        List<String> findings = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
                files++;
                findings.addAll(scan(root.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        assertTrue(files >= 30, "scanned " + files + " files");
        assertEquals(List.of(), findings);
    }

    @Test
    void plantedViolationsAreFound() {
        String planted = """
                package x;
                import java.util.Random;
                import java.util.concurrent.ConcurrentHashMap;
                class Bad {
                    long now = System.nanoTime();
                    synchronized void lock() { new Thread(() -> {}).start(); }
                    void log() { org.slf4j.LoggerFactory.getLogger("x"); new java.io.FileInputStream("f"); }
                }
                """;
        List<String> findings = scan("Bad.java", planted);
        for (String why : List.of("global randomness", "concurrency", "system clocks", "locking", "threads",
                "logging", "the file system")) {
            assertTrue(findings.stream().anyMatch(f -> f.contains(why)), why + " not found in " + findings);
        }
    }

    @Test
    void mentionsInCommentsAndStringsAreNotUses() {
        String clean = """
                package x;
                /** Never uses java.util.Random or synchronized; see System.nanoTime(). */
                class Fine {
                    // no new Thread(...) here
                    String s = "java.time.Instant and synchronized";
                    String t = \"""
                        System.currentTimeMillis()
                        \""";
                    char c = '"';
                    /* java.nio.file.Files */ int threadCount; // Threaded? no
                }
                """;
        assertEquals(List.of(), scan("Fine.java", clean));
    }

    static List<String> scan(String name, String source) {
        String code = stripCommentsAndLiterals(source);
        List<String> findings = new ArrayList<>();
        for (Forbidden f : FORBIDDEN) {
            Matcher m = f.pattern().matcher(code);
            while (m.find()) {
                int line = 1 + (int) code.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
                findings.add(name + ":" + line + ": '" + m.group() + "' — " + f.why());
            }
        }
        return findings;
    }

    /** Blanks out comments, string, text-block and char literals, keeping line breaks. */
    static String stripCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = skipTo(s, i, "\n", out, false);
            } else if (s.startsWith("/*", i)) {
                i = skipTo(s, i + 2, "*/", out, true);
            } else if (s.startsWith("\"\"\"", i)) {
                i = skipTo(s, i + 3, "\"\"\"", out, true);
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(s, i, c, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipTo(String s, int from, String end, StringBuilder out, boolean consumeEnd) {
        int stop = s.indexOf(end, from);
        int next = stop < 0 ? s.length() : consumeEnd ? stop + end.length() : stop;
        keepNewlines(s, from, next, out);
        return next;
    }

    private static int skipQuoted(String s, int start, char quote, StringBuilder out) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        out.append(' ');
        return Math.min(i + 1, s.length());
    }

    private static void keepNewlines(String s, int from, int to, StringBuilder out) {
        out.append(' ');
        for (int k = from; k < to && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                out.append('\n');
            }
        }
    }
}
