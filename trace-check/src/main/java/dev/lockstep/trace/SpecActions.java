package dev.lockstep.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The actions of a spec, read from the spec itself so that the list cannot drift from it. Starting
 * at {@code Next}, each operator defined in the module that the body applies is either a group,
 * which is expanded in turn, or an action. A group only combines other operators: its body has no
 * conjunction ({@code /\}), no prime and no {@code UNCHANGED} (Raft's {@code ReceiveNext},
 * {@code ReceiveMessage(m)}, {@code ElectionNext}, ...); anything else that changes state (a prime
 * or {@code UNCHANGED} in its body or in a definition it applies) is an action, and the rest are
 * state functions the groups only read ({@code Inst(p, k)}, {@code Holds(p)}). Comments and
 * strings are ignored, as are names after a dot (record fields), after a backslash (the
 * quantifiers {@code \E}, {@code \A}) and names not defined at the top level of the module
 * (variables, bound identifiers, standard-module operators).
 */
public final class SpecActions {

    private static final Pattern DEFINITION = Pattern.compile("^([A-Za-z_]\\w*)\\s*(\\((?:[^()]|\\([^()]*\\))*\\))?\\s*==",
            Pattern.MULTILINE);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w\\\\])[A-Za-z_]\\w*");
    private static final Pattern SECTION_END = Pattern.compile("^(?:-{4,}|={4,}|VARIABLES?\\b|CONSTANTS?\\b|ASSUME\\b"
            + "|THEOREM\\b|EXTENDS\\b|INSTANCE\\b|LOCAL\\b)", Pattern.MULTILINE);

    private SpecActions() {}

    /** The actions of the module in {@code tla}, in order of first use from {@code Next}. */
    public static List<String> read(Path tla) throws IOException {
        return fromText(Files.readString(tla, StandardCharsets.UTF_8), "Next");
    }

    /** {@link #read} of the spec's main module, or empty if it cannot be read. */
    static Optional<List<String>> tryRead(TraceSpec spec) {
        try {
            return Optional.of(read(spec.specTla()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> fromText(String moduleText, String root) {
        Map<String, String> defs = definitions(stripCommentsAndStrings(moduleText));
        if (!defs.containsKey(root)) {
            throw new IllegalArgumentException("the module defines no " + root);
        }
        Set<String> actions = new LinkedHashSet<>();
        expand(root, defs, actions, new LinkedHashSet<>());
        return new ArrayList<>(actions);
    }

    private static void expand(String name, Map<String, String> defs, Set<String> actions, Set<String> expanded) {
        if (!expanded.add(name)) {
            return;
        }
        for (String id : appliedDefinitions(defs.get(name), defs)) {
            if (id.equals(name)) {
                continue;
            }
            if (isGroup(defs.get(id), defs)) {
                expand(id, defs, actions, expanded);
            } else if (changesState(id, defs, new LinkedHashSet<>())) {
                actions.add(id);
            }
        }
    }

    /** A prime or UNCHANGED in the body of {@code name} or of a definition it applies, transitively. */
    static boolean changesState(String name, Map<String, String> defs, Set<String> seen) {
        if (!seen.add(name)) {
            return false;
        }
        String body = defs.get(name);
        if (body.indexOf('\'') >= 0 || body.contains("UNCHANGED")) {
            return true;
        }
        for (String id : appliedDefinitions(body, defs)) {
            if (changesState(id, defs, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Only combines other operators: no conjunction, prime or UNCHANGED of its own. */
    static boolean isGroup(String body, Map<String, String> defs) {
        return !body.contains("/\\") && body.indexOf('\'') < 0 && !body.contains("UNCHANGED")
                && !appliedDefinitions(body, defs).isEmpty();
    }

    private static List<String> appliedDefinitions(String body, Map<String, String> defs) {
        List<String> ids = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(body);
        while (m.find()) {
            if (defs.containsKey(m.group()) && !ids.contains(m.group())) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** Top-level definitions: name -> body text (up to the next definition or section). */
    static Map<String, String> definitions(String text) {
        Map<String, String> defs = new LinkedHashMap<>();
        Matcher m = DEFINITION.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int k = 0; k < names.size(); k++) {
            int bodyStart = spans.get(k)[1];
            int bodyEnd = k + 1 < spans.size() ? spans.get(k + 1)[0] : text.length();
            Matcher end = SECTION_END.matcher(text).region(bodyStart, bodyEnd);
            if (end.find()) {
                bodyEnd = end.start();
            }
            defs.putIfAbsent(names.get(k), text.substring(bodyStart, bodyEnd));
        }
        return defs;
    }

    /** The text with comments removed and string literals emptied, line structure kept. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            char next = k + 1 < s.length() ? s.charAt(k + 1) : '\0';
            if (c == '(' && next == '*') {
                depth++;
                k++;
            } else if (depth > 0 && c == '*' && next == ')') {
                depth--;
                k++;
            } else if (depth > 0) {
                out.append(c == '\n' ? '\n' : ' ');
            } else if (c == '\\' && next == '*') {
                while (k < s.length() && s.charAt(k) != '\n') {
                    k++;
                }
                out.append('\n');
            } else if (c == '"') {
                k = skipString(s, k);
                out.append("\"\"");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int skipString(String s, int open) {
        int k = open + 1;
        while (k < s.length() && s.charAt(k) != '"') {
            k += s.charAt(k) == '\\' ? 2 : 1;
        }
        return k;
    }
}
