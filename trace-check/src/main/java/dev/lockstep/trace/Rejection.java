package dev.lockstep.trace;

import dev.lockstep.tlc.TlaValue;
import java.util.List;
import java.util.Optional;

/**
 * Why a trace was rejected: the first line no behaviour of the spec could match, and what the
 * spec has at that point beside what the line logs.
 *
 * @param line the first unmatched line
 * @param reason one sentence: the action is unknown, its received message is not in flight, the
 *     spec cannot take it here, or it can but ends in a different state / sends other messages
 * @param fields the logged post-values of the acting node beside the spec's values before the line
 *     and (when the spec can take the action ignoring the logged values) after it
 * @param sentLogged the messages the line says it sent
 * @param sentSpec the messages the spec's step sends, when it can take the action
 * @param behaviours how many distinct spec states lead up to the line (at most a few are kept;
 *     the first is shown)
 */
public record Rejection(
        TraceLine line,
        String reason,
        List<FieldCheck> fields,
        List<TlaValue> sentLogged,
        Optional<List<TlaValue>> sentSpec,
        int behaviours) {

    public Rejection {
        fields = List.copyOf(fields);
        sentLogged = List.copyOf(sentLogged);
    }

    /**
     * One logged field of the acting node.
     *
     * @param before the spec's value before the line ({@code null} if unknown)
     * @param after the spec's value after the line when the spec can take it ({@code null} if not)
     */
    public record FieldCheck(String name, TlaValue logged, TlaValue before, TlaValue after) {

        /** False when the spec's post-value is known and differs from the logged one. */
        public boolean agrees() {
            return after == null || Agreement.agrees(after, logged);
        }
    }

    public List<String> differingFields() {
        return fields.stream().filter(f -> !f.agrees()).map(FieldCheck::name).toList();
    }
}
