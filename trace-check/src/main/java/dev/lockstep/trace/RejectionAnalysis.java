package dev.lockstep.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.tlc.TlaValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link Rejection} from the line that failed and what the diagnostic run learned: the
 * trace spec's view at the line ({@code before}, {@code msgInFlight}) and, when the spec could
 * take the line's action with its logged-value checks skipped, the view one line later
 * ({@code after}: the spec's post-values of the logged fields, {@code sent}: the spec's sent bag).
 */
final class RejectionAnalysis {

    private RejectionAnalysis() {}

    static Rejection explain(TraceLine line, Progress main, Optional<Progress> relaxed, Optional<List<String>> actions) {
        List<TlaValue> sentLogged = sentLogged(line);
        if (actions.isPresent() && !actions.get().contains(line.action())) {
            return new Rejection(line, "the spec has no action named " + line.action(), fields(line, null, null),
                    sentLogged, Optional.empty(), main.states().size());
        }
        if (relaxed.isEmpty()) {
            return new Rejection(line, "no behaviour of the spec matches this line (no diagnostic run was made)",
                    fields(line, null, null), sentLogged, Optional.empty(), main.states().size());
        }
        List<Map<String, TlaValue>> before = relaxed.get().at(line.number());
        List<Map<String, TlaValue>> after = relaxed.get().at(line.number() + 1);
        Map<String, TlaValue> b = before.isEmpty() ? Map.of() : before.get(0);
        if (after.isEmpty()) {
            return new Rejection(line, cannotTake(line, b), fields(line, b.get("before"), null), sentLogged,
                    Optional.empty(), before.size());
        }
        Map<String, TlaValue> a = after.get(0);
        List<Rejection.FieldCheck> checks = fields(line, b.get("before"), a.get("after"));
        List<TlaValue> sentSpec = Agreement.bagElements(a.getOrDefault("sent", new TlaValue.Fn(List.of())));
        boolean sentOk = !line.has("sent") || (a.get("sentAgrees") instanceof TlaValue.Atom verdict
                ? verdict.text().equals("TRUE")
                : Agreement.bagAgrees(a.getOrDefault("sent", new TlaValue.Fn(List.of())), sentLogged));
        String reason = differs(line, checks, sentOk);
        return new Rejection(line, reason, checks, sentLogged, Optional.of(sentSpec), before.size());
    }

    private static String cannotTake(TraceLine line, Map<String, TlaValue> before) {
        TlaValue inFlight = before.get("msgInFlight");
        if (line.has("msg") && inFlight instanceof TlaValue.Atom a && a.text().equals("FALSE")) {
            return line.action() + " receives a message that is not in flight in the spec: it was never sent, "
                    + "or it was already received or dropped";
        }
        return "the spec cannot take " + call(line) + " here: its enabling condition is false in every state "
                + "the earlier lines lead to";
    }

    private static String differs(TraceLine line, List<Rejection.FieldCheck> checks, boolean sentOk) {
        List<String> bad = new ArrayList<>();
        for (Rejection.FieldCheck c : checks) {
            if (!c.agrees()) {
                bad.add(c.name());
            }
        }
        StringBuilder sb = new StringBuilder("the spec can take " + call(line) + " here, but");
        if (!bad.isEmpty()) {
            sb.append(" then has other values of ").append(String.join(", ", bad));
        }
        if (!sentOk) {
            sb.append(bad.isEmpty() ? "" : " and").append(" sends other messages");
        }
        if (bad.isEmpty() && sentOk) {
            sb.append(" only in a state that the logged values of an earlier line exclude");
        }
        return sb.toString();
    }

    /** {@code Action(node, params...)} as logged. */
    static String call(TraceLine line) {
        List<String> args = new ArrayList<>();
        if (!line.node().isEmpty()) {
            args.add(line.node());
        }
        JsonNode params = line.json().path("params");
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> p = it.next();
            args.add(p.getKey() + "=" + p.getValue());
        }
        if (line.has("msg")) {
            args.add(line.json().path("msg").path("type").asText("msg") + " from "
                    + line.json().path("msg").path("from").asText("?"));
        }
        return line.action() + "(" + String.join(", ", args) + ")";
    }

    private static List<Rejection.FieldCheck> fields(TraceLine line, TlaValue before, TlaValue after) {
        List<Rejection.FieldCheck> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = line.json().path("state").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            out.add(new Rejection.FieldCheck(f.getKey(), Agreement.toTla(f.getValue()), field(before, f.getKey()),
                    field(after, f.getKey())));
        }
        return out;
    }

    private static TlaValue field(TlaValue view, String name) {
        return view instanceof TlaValue.Rec r ? r.fields().get(name) : null;
    }

    private static List<TlaValue> sentLogged(TraceLine line) {
        List<TlaValue> out = new ArrayList<>();
        line.json().path("sent").forEach(m -> out.add(Agreement.toTla(m)));
        return out;
    }
}
