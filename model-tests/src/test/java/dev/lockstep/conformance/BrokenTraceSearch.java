package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.Protocol;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a deliberately broken core over seeds until trace validation rejects one of its traces at
 * a given action: the line where the core leaves its spec. Shared by the Broken*TraceTests.
 */
final class BrokenTraceSearch {
    static final long BASE_SEED = 7;
    static final int MAX_SEEDS = 10;
    static final int OPS = 20;

    private BrokenTraceSearch() {}

    /**
     * The first of up to {@link #MAX_SEEDS} seeds whose trace of {@code broken} is rejected at a
     * line of {@code action}, validated against the spec it breaks (its registry fields). A trace rejected
     * elsewhere first (the unbroken core disagreeing with the spec, which
     * ProtocolTraceConformanceTest reports) is printed and skipped.
     */
    static Validation firstRejectedAt(Protocol broken, String action, Path dir) throws IOException {
        return firstRejectedAt(broken, action, dir, 0);
    }

    /**
     * As {@link #firstRejectedAt(Protocol, String, Path)}, from seed index {@code from} (0-based) of
     * the same sequence: for a variant whose first rejecting seed is known to be late, so CI does
     * not validate the accepted traces before it again (the test names the index it starts at).
     */
    static Validation firstRejectedAt(Protocol broken, String action, Path dir, int from) throws IOException {
        return firstRejectedAt(broken, action, dir, from, MAX_SEEDS);
    }

    /** As {@link #firstRejectedAt(Protocol, String, Path, int)}, over seed indexes below {@code until}. */
    static Validation firstRejectedAt(Protocol broken, String action, Path dir, int from, int until)
            throws IOException {
        TraceValidator validator = ConformanceTraces.validator(broken, true);
        for (int first = from; first < until; first += ConformanceTraces.PARALLEL) {
            List<ConformanceTraces.Run> batch = new ArrayList<>();
            for (int i = first; i < Math.min(until, first + ConformanceTraces.PARALLEL); i++) {
                batch.add(ConformanceTraces.simulate(broken, BASE_SEED, i, OPS, dir));
            }
            List<Validation> results = validator.validateAll(ConformanceTraces.traces(batch), ConformanceTraces.PARALLEL);
            for (int k = 0; k < batch.size(); k++) {
                ConformanceTraces.Run run = batch.get(k);
                Validation v = results.get(k);
                ConformanceTraces.print(run, v);
                if (v.rejection().isPresent() && v.rejection().get().line().action().equals(action)) {
                    System.out.println(broken.name() + ": caught at seed #" + (first + k + 1) + " (" + run.seed()
                            + "); reproduce with\n  " + run.replay());
                    return v;
                }
                if (!v.accepted()) {
                    System.out.println(broken.name() + ": seed " + run.seed() + " was not accepted, but not at "
                            + action + ": skipped");
                }
            }
        }
        return fail(broken.name() + ": no trace of seeds #" + (from + 1) + " to #" + until + " was rejected at "
                + action);
    }
}
