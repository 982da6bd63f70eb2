package dev.lockstep.specdriven;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a core's trace line is the step the spec took: the same action at the same node, the
 * same received message, the parameters the spec names, the node's resulting state on every
 * field both log, and the same messages sent.
 */
final class StepMatch {

    private StepMatch() {}

    static Optional<String> compare(ReplayCluster.CoreLine line, JsonNode step, Set<String> setFields) {
        String act = step.get("act").asText();
        String node = step.path("node").asText();
        String coreNode = line.fields().path("node").asText();
        if (!line.action().equals(act) || !coreNode.equals(node)) {
            return Optional.of("the spec took " + act + " at " + node + ", the core took " + line.action() + " at "
                    + coreNode);
        }
        List<String> diffs = new ArrayList<>();
        JsonNode msg = step.get("msg");
        if (msg != null && !msg.path("type").asText().equals("none")
                && !Forms.sameMessage(line.fields().path("msg"), msg)) {
            diffs.add("msg: core " + line.fields().path("msg") + ", spec " + msg);
        }
        diffs.addAll(params(line.fields().path("params"), step.path("params")));
        if (step.has("state") && line.fields().has("state")) {
            diffs.addAll(Forms.differences(line.fields().get("state"), step.get("state"), setFields)
                    .stream().map(d -> "state." + d).toList());
        }
        if (step.has("sent") && !Forms.sameSet(line.fields().path("sent"), step.get("sent"))) {
            diffs.add("sent: core " + line.fields().path("sent") + ", spec " + step.get("sent"));
        }
        return diffs.isEmpty() ? Optional.empty()
                : Optional.of(act + " at " + node + " differs: " + String.join("; ", diffs));
    }

    private static List<String> params(JsonNode core, JsonNode spec) {
        List<String> diffs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getKey().equals("none")) {
                continue;
            }
            JsonNode c = core.get(p.getKey());
            if (c == null || !Forms.sameMessage(c, p.getValue())) {
                diffs.add("params." + p.getKey() + ": core " + c + ", spec " + p.getValue());
            }
        }
        return diffs;
    }

    /** One step as a readable line: "HandleRequestVoteResponse n1 <- RequestVoteResponse n2 term 2 granted". */
    static String describe(JsonNode step) {
        StringBuilder b = new StringBuilder(step.path("act").asText());
        if (step.hasNonNull("node")) {
            b.append(' ').append(step.get("node").asText());
        }
        JsonNode msg = step.get("msg");
        if (msg != null && !msg.path("type").asText().equals("none")) {
            b.append(step.hasNonNull("node") ? " <- " : " ").append(message(msg));
        }
        JsonNode params = step.path("params");
        params.fields().forEachRemaining(p -> {
            if (!p.getKey().equals("none")) {
                b.append(' ').append(p.getKey()).append('=').append(p.getValue());
            }
        });
        return b.toString();
    }

    private static String message(JsonNode msg) {
        StringBuilder b = new StringBuilder(msg.path("type").asText());
        b.append(' ').append(msg.path("from").asText()).append("->").append(msg.path("to").asText());
        msg.fields().forEachRemaining(f -> {
            if (!Set.of("type", "from", "to").contains(f.getKey())) {
                b.append(' ').append(f.getKey()).append('=').append(f.getValue());
            }
        });
        return b.toString();
    }
}
