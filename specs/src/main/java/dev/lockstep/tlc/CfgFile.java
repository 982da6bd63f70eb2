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
 * summary), the {@code \* expect-violation: Name} marker on the first line of a buggy config, and
 * a {@code \* tlc-mode: simulate num=N depth=D seed=S} line (on any line) that asks for TLC's
 * simulation mode instead of exhaustive model checking.
 *
 * @param invariants names after {@code INVARIANT}/{@code INVARIANTS}, in order
 * @param properties names after {@code PROPERTY}/{@code PROPERTIES}, in order
 * @param expectedViolation the name on a first line {@code \* expect-violation: Name}
 * @param simulation what a {@code \* tlc-mode: simulate ...} line asks for; empty: model checking
 */
public record CfgFile(List<String> invariants, List<String> properties, Optional<String> expectedViolation,
        Optional<SimulationMode> simulation) {

    private static final Pattern EXPECT =
            Pattern.compile("^\\s*\\\\\\*\\s*expect-violation:\\s*(\\S+)\\s*$");
    /** A comment line that starts with {@code tlc-mode}: a directive, well-formed or not. */
    private static final Pattern MODE = Pattern.compile("^\\s*\\\\\\*\\s*tlc-mode\\b\\s*(:?)(.*)$");
    private static final Set<String> KEYWORDS = Set.of(
            "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
            "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "ALIAS", "POSTCONDITION");

    public CfgFile {
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    /**
     * Reads and parses {@code cfg}.
     *
     * @throws InvalidConfigException naming the file and line of a malformed directive
     */
    public static CfgFile read(Path cfg) {
        String text;
        try {
            text = Files.readString(cfg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cfg, e);
        }
        return parse(cfg.toString(), text);
    }

    /** Parses a config's text; errors name it "config". */
    public static CfgFile parse(String text) {
        return parse("config", text);
    }

    /**
     * Parses a config's text.
     *
     * @param source how error messages name the config, e.g. its path
     * @throws InvalidConfigException naming {@code source} and the line of a malformed directive
     */
    public static CfgFile parse(String source, String text) {
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
        return new CfgFile(invariants, properties, expected, simulation(source, text));
    }

    /** The one {@code \* tlc-mode:} line, parsed; empty if there is none. */
    private static Optional<SimulationMode> simulation(String source, String text) {
        List<String> lines = text.lines().toList();
        Optional<SimulationMode> found = Optional.empty();
        int foundAt = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MODE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int line = i + 1;
            if (found.isPresent()) {
                throw new InvalidConfigException(source, line,
                        "a second tlc-mode directive (the first is on line " + foundAt + ")");
            }
            try {
                if (m.group(1).isEmpty()) {
                    throw new IllegalArgumentException("no ':' after tlc-mode");
                }
                found = Optional.of(SimulationMode.parse(m.group(2)));
                foundAt = line;
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(source, line, "malformed tlc-mode directive '"
                        + lines.get(i).strip() + "': " + e.getMessage() + "; expected '"
                        + SimulationMode.DIRECTIVE + "'");
            }
        }
        return found;
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
