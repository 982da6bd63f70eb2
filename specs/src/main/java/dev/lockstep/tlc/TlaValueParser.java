package dev.lockstep.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the value syntax TLC uses when it prints a state. Whitespace (including TLC's own line
 * wrapping) is insignificant. Text it cannot parse becomes an {@link TlaValue.Atom} holding the
 * text unchanged, so a surprise in TLC's output degrades the display, never the run.
 */
public final class TlaValueParser {

    private final String s;
    private int pos;

    private TlaValueParser(String s) {
        this.s = s;
    }

    public static TlaValue parse(String text) {
        TlaValueParser p = new TlaValueParser(text.strip());
        try {
            TlaValue v = p.value();
            p.skipSpace();
            return p.pos == p.s.length() ? v : new TlaValue.Atom(collapse(text));
        } catch (RuntimeException unexpectedSyntax) {
            return new TlaValue.Atom(collapse(text));
        }
    }

    private TlaValue value() {
        TlaValue v = primary();
        if (v instanceof TlaValue.Atom a && accept("..")) {
            TlaValue hi = primary();
            return new TlaValue.Atom(a.text() + ".." + ValueFormat.oneLine(hi));
        }
        return v;
    }

    private TlaValue primary() {
        skipSpace();
        if (accept("<<")) {
            return new TlaValue.Seq(items(">>"));
        }
        if (accept("{")) {
            return new TlaValue.SetOf(items("}"));
        }
        if (accept("[")) {
            return record();
        }
        if (accept("(")) {
            return function();
        }
        if (peek() == '"') {
            return string();
        }
        return atom();
    }

    private List<TlaValue> items(String close) {
        List<TlaValue> items = new ArrayList<>();
        if (accept(close)) {
            return items;
        }
        do {
            items.add(value());
        } while (accept(","));
        expect(close);
        return items;
    }

    private TlaValue record() {
        Map<String, TlaValue> fields = new LinkedHashMap<>();
        if (accept("]")) {
            return new TlaValue.Rec(fields);
        }
        do {
            String name = peek() == '"' ? ((TlaValue.Str) string()).value() : ((TlaValue.Atom) atom()).text();
            expect("|->");
            fields.put(name, value());
        } while (accept(","));
        expect("]");
        return new TlaValue.Rec(fields);
    }

    private TlaValue function() {
        List<TlaValue.Entry> entries = new ArrayList<>();
        do {
            TlaValue key = value();
            expect(":>");
            entries.add(new TlaValue.Entry(key, value()));
        } while (accept("@@"));
        expect(")");
        return new TlaValue.Fn(entries);
    }

    private TlaValue string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length() && s.charAt(pos) != '"') {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                char e = s.charAt(pos++);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                sb.append(c);
            }
        }
        expect("\"");
        return new TlaValue.Str(sb.toString());
    }

    private TlaValue atom() {
        skipSpace();
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') {
            pos++;
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("unexpected '" + peek() + "' at " + pos);
        }
        return new TlaValue.Atom(s.substring(start, pos));
    }

    private boolean accept(String token) {
        skipSpace();
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("expected " + token + " at " + pos);
        }
    }

    private char peek() {
        skipSpace();
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
