package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import java.util.List;

/**
 * The verdict on one independent sub-history.
 *
 * @param keys the partition's keys
 * @param operations how many operations it holds
 * @param steps search steps spent
 * @param explanation for a violation: completed operations whose results cannot all be explained
 *     even when every other operation of the partition may or may not have taken effect (a
 *     1-minimal such set when the explanation budget allowed); empty otherwise
 */
public record PartitionReport(Verdict verdict, List<Bytes> keys, int operations, long steps,
        List<Operation> explanation) {

    public PartitionReport {
        keys = List.copyOf(keys);
        explanation = List.copyOf(explanation);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("keys ").append(Describe.keys(keys)).append(": ").append(verdict)
                .append(" (").append(operations).append(" operations, ").append(steps).append(" search steps)");
        if (verdict == Verdict.NOT_LINEARIZABLE) {
            sb.append("\n  these results cannot all hold, whatever the other operations did:");
            for (Operation op : explanation) {
                sb.append("\n    ").append(op);
            }
        }
        return sb.toString();
    }
}
