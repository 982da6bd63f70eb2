package dev.lockstep.lin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a client history of the key-value store is linearizable (Herlihy and Wing):
 * splits it into independent partitions ({@link Partitioner}), searches each
 * ({@link LinearizabilitySearch}, fingerprint memo first, violations confirmed with the exact
 * memo) within a step budget, and explains violations
 * ({@link ViolationExplainer}). Deterministic: the same history gives the same report.
 */
public final class LinearizabilityChecker {
    public static final long DEFAULT_BUDGET = 5_000_000;

    private final long budgetPerPartition;
    private final long explainBudget;

    public LinearizabilityChecker() {
        this(DEFAULT_BUDGET);
    }

    /** @param budgetPerPartition most search steps per partition before answering UNKNOWN */
    public LinearizabilityChecker(long budgetPerPartition) {
        this(budgetPerPartition, 4 * budgetPerPartition);
    }

    public LinearizabilityChecker(long budgetPerPartition, long explainBudget) {
        if (budgetPerPartition <= 0 || explainBudget < 0) {
            throw new IllegalArgumentException("budgets must be positive");
        }
        this.budgetPerPartition = budgetPerPartition;
        this.explainBudget = explainBudget;
    }

    public LinReport check(History history) {
        List<Partitioner.Partition> partitions = Partitioner.split(history);
        List<PartitionReport> problems = new ArrayList<>();
        long steps = 0;
        for (Partitioner.Partition p : partitions) {
            PartitionReport report = checkPartition(p);
            steps += report.steps();
            if (report.verdict() != Verdict.LINEARIZABLE) {
                problems.add(report);
            }
        }
        problems.sort(Comparator.comparing(r -> r.verdict() == Verdict.NOT_LINEARIZABLE ? 0 : 1));
        Verdict verdict = problems.isEmpty() ? Verdict.LINEARIZABLE : problems.get(0).verdict();
        return new LinReport(verdict, partitions.size(), history.size(), steps, problems);
    }

    private PartitionReport checkPartition(Partitioner.Partition p) {
        KeySlots slots = new KeySlots(p.keys());
        LinearizabilitySearch search = new LinearizabilitySearch(p.operations(), slots, budgetPerPartition, false);
        LinearizabilitySearch.Outcome outcome = search.run();
        if (outcome == LinearizabilitySearch.Outcome.VIOLATION) {
            search = new LinearizabilitySearch(p.operations(), slots, budgetPerPartition, true);
            outcome = search.run();
        }
        return switch (outcome) {
            case LINEARIZABLE -> new PartitionReport(Verdict.LINEARIZABLE, p.keys(), p.operations().size(),
                    search.steps(), List.of());
            case BUDGET_EXHAUSTED -> new PartitionReport(Verdict.UNKNOWN, p.keys(), p.operations().size(),
                    search.steps(), List.of());
            case VIOLATION -> new PartitionReport(Verdict.NOT_LINEARIZABLE, p.keys(), p.operations().size(),
                    search.steps(), ViolationExplainer.explain(p.operations(), slots, budgetPerPartition,
                            explainBudget));
        };
    }
}
