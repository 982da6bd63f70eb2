package dev.lockstep.trace;

import dev.lockstep.tlc.TlaValue;
import dev.lockstep.tlc.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable lines for a {@link Validation}. */
public final class ValidationReport {

    private static final int MAX_VALUE = 160;

    private ValidationReport() {}

    public static List<String> lines(Validation v) {
        return switch (v.outcome()) {
            case ACCEPTED -> List.of(String.format(Locale.ROOT, "ACCEPTED %s: %d lines, %d distinct states, %.1f s",
                    v.trace(), v.lines(), v.distinctStates(), seconds(v)));
            case REJECTED -> rejected(v, v.rejection().orElseThrow());
            case VIOLATION -> violation(v, v.violation().orElseThrow());
            case ERROR -> List.of("ERROR " + v.trace() + ": " + v.error());
        };
    }

    private static List<String> rejected(Validation v, Rejection r) {
        List<String> out = new ArrayList<>();
        TraceLine line = r.line();
        out.add(String.format(Locale.ROOT, "REJECTED %s: line %d of %d could not be matched (%s)%s, %.1f s",
                v.trace(), line.number(), v.lines(), RejectionAnalysis.call(line),
                r.behaviours() > 1 ? ", " + r.behaviours() + " spec states reach it, first shown" : "", seconds(v)));
        out.add("  line " + line.number() + ": " + line.raw());
        out.add("  why: " + r.reason());
        if (!r.fields().isEmpty()) {
            out.add(String.format("  %-16s %-22s %-22s %s", (line.node().isEmpty() ? "" : line.node() + " ") + "field",
                    "logged (after)", "spec before", "spec after"));
            for (Rejection.FieldCheck f : r.fields()) {
                out.add(String.format("  %-16s %-22s %-22s %s%s", f.name(), show(f.logged()), show(f.before()),
                        f.after() == null ? "-" : show(f.after()), f.agrees() ? "" : "   <- differs"));
            }
        }
        if (line.has("sent")) {
            out.add("  sent (logged): " + showAll(r.sentLogged()));
            r.sentSpec().ifPresent(s -> out.add("  sent (spec):   " + showAll(s)));
        }
        return out;
    }

    private static List<String> violation(Validation v, ViolationReport x) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "VIOLATION %s: %s fails after line %d of %d, %.1f s", v.trace(), x.check(),
                x.line(), v.lines(), seconds(v)));
        if (!x.raw().isEmpty()) {
            out.add("  line " + x.line() + ": " + x.raw());
        }
        out.add("  TLC: " + x.description().replace('\n', ' '));
        out.add("  the violating state:");
        for (Map.Entry<String, String> e : x.finalState().entrySet()) {
            out.add("    " + e.getKey() + " = " + clip(e.getValue().replaceAll("\\s+", " ")));
        }
        return out;
    }

    private static String show(TlaValue v) {
        return v == null ? "?" : clip(ValueFormat.oneLine(v));
    }

    private static String showAll(List<TlaValue> values) {
        return values.isEmpty() ? "(none)"
                : String.join("; ", values.stream().map(ValueFormat::oneLine).map(ValidationReport::clip).toList());
    }

    private static String clip(String s) {
        return s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "...";
    }

    private static double seconds(Validation v) {
        return v.elapsed().toMillis() / 1000.0;
    }
}
