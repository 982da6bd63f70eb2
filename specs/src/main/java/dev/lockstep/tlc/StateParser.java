package dev.lockstep.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the states TLC prints in a counterexample: a header {@code "N: <Action line L, col C to
 * line L2, col C2 of module M>"} followed by {@code "/\ var = value"} lines (a value may span
 * several lines; a spec with one variable prints {@code "var = value"} without the conjunction).
 */
final class StateParser {

    private static final Pattern HEADER = Pattern.compile("^(\\d+): (.*)$");
    private static final Pattern ACTION = Pattern.compile(
            "^<?([^<>]+?)(?: line (\\d+), col \\d+ to line \\d+, col \\d+ of module (\\S+?))?>?$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(\\w+) = ?(.*)$", Pattern.DOTALL);

    private StateParser() {}

    /** Parses a state-print message (code 2217): header line, then the variables. */
    static TraceState parseNumbered(String text) {
        int newline = text.indexOf('\n');
        String header = newline < 0 ? text : text.substring(0, newline);
        String body = newline < 0 ? "" : text.substring(newline + 1);
        Matcher h = HEADER.matcher(header.strip());
        if (!h.matches()) {
            return new TraceState(0, header.strip(), "", parseVariables(body));
        }
        int number = Integer.parseInt(h.group(1));
        Matcher a = ACTION.matcher(h.group(2).strip());
        if (!a.matches()) {
            return new TraceState(number, h.group(2).strip(), "", parseVariables(body));
        }
        String location = a.group(2) == null ? "" : a.group(3) + ".tla line " + a.group(2);
        return new TraceState(number, a.group(1).strip(), location, parseVariables(body));
    }

    /** Parses a bare state (the one printed with "violated by the initial state:"). */
    static TraceState parseInitial(String body) {
        return new TraceState(1, TraceState.INITIAL, "", parseVariables(body));
    }

    /** Splits {@code /\ a = 1 /\ b = <<...>>} into variable name and value text. */
    static Map<String, String> parseVariables(String body) {
        Map<String, String> vars = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : body.split("\n", -1)) {
            if (line.startsWith("/\\ ")) {
                put(vars, current);
                current = new StringBuilder(line.substring(3));
            } else if (current != null) {
                current.append('\n').append(line);
            } else if (!line.isBlank()) {
                current = new StringBuilder(line);
            }
        }
        put(vars, current);
        return vars;
    }

    private static void put(Map<String, String> vars, StringBuilder assignment) {
        if (assignment == null) {
            return;
        }
        Matcher m = ASSIGNMENT.matcher(assignment.toString().strip());
        if (m.matches()) {
            vars.put(m.group(1), m.group(2).strip());
        }
    }
}
