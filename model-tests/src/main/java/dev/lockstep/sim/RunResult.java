package dev.lockstep.sim;

import dev.lockstep.lin.History;
import dev.lockstep.lin.LinReport;
import dev.lockstep.lin.Verdict;
import dev.lockstep.trace.TraceWriter;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one simulated run.
 *
 * @param checkers which checkers ran and why (from the protocol's traits)
 * @param replicaSteps events fed to replicas (ticks, messages, client requests, Persisted, Recover)
 * @param simEvents every simulated event, including those that stepped no replica
 * @param messages messages sent; {@code dropped} and {@code duplicated} of them by the network
 * @param crashes node crashes, bounces included
 * @param lin the linearizability report (absent when another failure stopped the run first)
 * @param trace every trace line in executed order (empty unless tracing was on)
 * @param history the clients' history (stamped commands, invocations, answers)
 */
public record RunResult(
        String protocol,
        SimOptions options,
        CheckerPlan checkers,
        long replicaSteps,
        long simEvents,
        long simMs,
        int opsOk,
        int opsUnknown,
        long messages,
        long dropped,
        long duplicated,
        int crashes,
        Optional<LinReport> lin,
        Optional<Failure> failure,
        List<TraceWriter.Line> trace,
        History history) {

    public boolean passed() {
        return failure.isEmpty();
    }

    /** One line: seed, options digest, events, ops, verdicts. */
    public String summary() {
        String verdict = lin.map(r -> r.verdict() + "(" + r.steps() + ")").orElse(checkers.linearizability() ? "-" : "n/a");
        String result = failure.map(f -> "FAIL " + f.kind()).orElse(
                lin.isPresent() && lin.get().verdict() == Verdict.UNKNOWN ? "PASS (lin undecided)" : "PASS");
        return String.format(java.util.Locale.ROOT,
                "seed=%d options=%s nodes=%d events=%d sim=%dms msgs=%d drop=%d dup=%d crashes=%d ops ok=%d unknown=%d"
                + " lin=%s result=%s",
                options.seed(), options.digest(), options.clusterSize(), replicaSteps, simMs, messages, dropped, duplicated,
                crashes, opsOk, opsUnknown, verdict, result);
    }
}
