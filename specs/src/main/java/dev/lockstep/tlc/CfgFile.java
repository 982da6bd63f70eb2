package dev.lockstep.tlc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the runner needs from a TLC {@code .cfg}: the invariants and properties it checks (for the
 * summary) and the {@code \* expect-violation: Name} marker on the first line of a buggy config.
 *
 * @param invariants names after {@code INVARIANT}/{@code INVARIANTS}, in order
 * @param properties names after {@code PROPERTY}/{@code PROPERTIES}, in order
 * @param expectedViolation the name on a first line {@code \* expect-violation: Name}
 */
public record CfgFile(List<String> invariants, List<String> properties, Optional<String> expectedViolation) {

    private static final Pattern EXPECT =
            Pattern.compile("^\\s*\\\\\\*\\s*expect-violation:\\s*(\\S+)\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
            "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
            "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "ALIAS", "POSTCONDITION");

    public CfgFile {
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    public static CfgFile read(Path cfg) {
        try {
            return parse(Files.readString(cfg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cfg, e);
        }
    }

    public static CfgFile parse(String text) {
        String firstLine = text.lines().findFirst().orElse("");
        Matcher expect = EXPECT.matcher(firstLine);
        Optional<String> expected = expect.matches() ? Optional.of(expect.group(1)) : Optional.empty();
        List<String> invariants = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        List<String> target = null;
        for (String token : tokens(text)) {
            if (KEYWORDS.contains(token)) {
                target = token.startsWith("INVARIANT") ? invariants
                        : token.startsWith("PROPERT") ? properties : null;
            } else if (target != null) {
                target.add(token);
            }
        }
        return new CfgFile(invariants, properties, expected);
    }

    /** Whitespace-separated tokens with {@code \*} line comments and {@code (* *)} blocks removed. */
    private static List<String> tokens(String text) {
        String noBlocks = text.replaceAll("(?s)\\(\\*.*?\\*\\)", " ");
        List<String> tokens = new ArrayList<>();
        for (String line : noBlocks.split("\n")) {
            int comment = line.indexOf("\\*");
            String code = comment < 0 ? line : line.substring(0, comment);
            for (String t : code.trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }
}
