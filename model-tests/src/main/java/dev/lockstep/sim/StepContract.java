package dev.lockstep.sim;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Protocol-independent checks that a traced step's trace lines tell the truth about its effects
 * (docs/runtime-contract.md, "Trace lines"): the messages its lines list under
 * {@code sent}, in order, are exactly its {@link Effect.Send}s of traced messages (same count, same
 * {@code to}; {@link dev.lockstep.core.Message#traced}); and
 * a line that names a received message ({@code msg}) names the one that was delivered.
 */
final class StepContract {
    private final String self;

    StepContract(NodeId self) {
        this.self = self.toString();
    }

    /** The first problem with this step's effects, or null. */
    String check(List<Effect> effects, Envelope delivered) {
        List<Map<String, Object>> sent = sentMessages(effects);
        List<Effect.Send> sends = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Send s && s.message().traced()) {
                sends.add(s);
            }
        }
        if (sent.size() != sends.size()) {
            return self + ": trace lines list " + sent.size() + " sent messages but the step has "
                    + sends.size() + " Send effects";
        }
        for (int i = 0; i < sends.size(); i++) {
            Object to = sent.get(i).get("to");
            if (!sends.get(i).to().toString().equals(to)) {
                return self + ": sent message " + (i + 1) + " goes to " + sends.get(i).to()
                        + " but its trace form says to=" + to;
            }
        }
        if (delivered != null && delivered.traceMessage() != null) {
            for (Effect e : effects) {
                if (e instanceof Effect.Trace t && t.fields().containsKey("msg")
                        && !JsonShapes.same(t.fields().get("msg"), delivered.traceMessage())) {
                    return self + ": " + t.action() + " names msg " + t.fields().get("msg")
                            + " but the delivered message was " + delivered.traceMessage();
                }
            }
        }
        return null;
    }

    /** The {@code sent} lists of the step's trace lines, concatenated in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sentMessages(List<Effect> effects) {
        List<Map<String, Object>> sent = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Trace t && t.fields().get("sent") instanceof List<?> list) {
                for (Object m : list) {
                    if (m instanceof Map<?, ?> map) {
                        sent.add((Map<String, Object>) map);
                    }
                }
            }
        }
        return sent;
    }
}
