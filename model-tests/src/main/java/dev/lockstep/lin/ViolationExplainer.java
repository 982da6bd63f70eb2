package dev.lockstep.lin;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrows a non-linearizable partition to the completed operations that cause the violation.
 * Forgetting an operation's outcome (treating it as unknown) only weakens a history: every
 * linearization of the original is one of the weakened history. So the explainer forgets
 * outcomes one at a time and keeps each forgetting that still leaves a violation; what stays
 * completed is a set of observed results that no ordering can produce, whatever the other
 * operations did. Bounded by a total step budget; when it runs out, the current (larger, still
 * correct) set is returned.
 */
final class ViolationExplainer {
    private ViolationExplainer() {}

    static List<Operation> explain(List<Operation> partition, KeySlots slots, long searchBudget, long totalBudget) {
        List<Operation> current = new ArrayList<>(partition);
        long spent = 0;
        for (int i = current.size() - 1; i >= 0 && spent < totalBudget; i--) {
            Operation op = current.get(i);
            if (op.isUnknown()) {
                continue;
            }
            current.set(i, op.forgetOutcome());
            LinearizabilitySearch search = new LinearizabilitySearch(current, slots,
                    Math.min(searchBudget, totalBudget - spent));
            LinearizabilitySearch.Outcome outcome = search.run();
            spent += search.steps();
            if (outcome != LinearizabilitySearch.Outcome.VIOLATION) {
                current.set(i, op);
            }
        }
        List<Operation> core = new ArrayList<>();
        for (Operation op : current) {
            if (!op.isUnknown()) {
                core.add(op);
            }
        }
        return core;
    }
}
