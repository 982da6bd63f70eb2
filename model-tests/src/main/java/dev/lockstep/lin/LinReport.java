package dev.lockstep.lin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The checker's answer for a whole history: NOT_LINEARIZABLE if any partition is, else UNKNOWN if
 * any search ran out of budget, else LINEARIZABLE.
 *
 * @param steps search steps spent over all partitions
 * @param problems the partitions that were not found linearizable (violations first)
 */
public record LinReport(Verdict verdict, int partitions, int operations, long steps, List<PartitionReport> problems) {
    public LinReport {
        problems = List.copyOf(problems);
    }

    public String describe() {
        String head = verdict + " (" + operations + " operations in " + partitions + " partitions, " + steps
                + " search steps)";
        if (problems.isEmpty()) {
            return head;
        }
        return head + "\n" + problems.stream().map(PartitionReport::describe).collect(Collectors.joining("\n"));
    }
}
