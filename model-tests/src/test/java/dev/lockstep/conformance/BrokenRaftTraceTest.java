package dev.lockstep.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.raft.BrokenRaftVariants;
import dev.lockstep.trace.TraceValidator;
import dev.lockstep.trace.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation catches the deliberately broken Raft cores of impl's test-jar: the traces of
 * seeded simulator runs are REJECTED at the line where the core leaves the spec. (In these
 * seeds the simulator's own checkers pass: the trace is the first to notice.)
 *
 * <p>The third variant, a follower that serves reads from its own state, is not here: a read
 * served that way is no spec action and writes no trace line, so its traces are behaviours of
 * the spec; the linearizability checker catches it (dev.lockstep.sim.BrokenRaftTest).
 */
class BrokenRaftTraceTest {

    static final long BASE_SEED = 7;
    static final int MAX_SEEDS = 10;
    static final int OPS = 20;

    @TempDir
    Path dir;

    /**
     * The first of up to {@link #MAX_SEEDS} seeds whose trace is rejected at a line of
     * {@code action}: the line where the broken core leaves the spec. A trace rejected elsewhere
     * first (the unbroken core disagreeing with the spec, which ProtocolTraceConformanceTest reports)
     * is printed and skipped.
     */
    private Validation firstRejectedAt(Protocol broken, String action) throws IOException {
        TraceValidator validator = ConformanceTraces.validator(ProtocolRegistry.get("raft"), true);
        for (int first = 0; first < MAX_SEEDS; first += ConformanceTraces.PARALLEL) {
            List<ConformanceTraces.Run> batch = new ArrayList<>();
            for (int i = first; i < Math.min(MAX_SEEDS, first + ConformanceTraces.PARALLEL); i++) {
                batch.add(ConformanceTraces.simulate(broken, BASE_SEED, i, OPS, dir));
            }
            List<Validation> results = validator.validateAll(ConformanceTraces.traces(batch), ConformanceTraces.PARALLEL);
            for (int k = 0; k < batch.size(); k++) {
                ConformanceTraces.Run run = batch.get(k);
                Validation v = results.get(k);
                ConformanceTraces.print(run, v);
                if (v.rejection().isPresent() && v.rejection().get().line().action().equals(action)) {
                    System.out.println(broken.name() + ": caught at seed " + (first + k + 1) + "; reproduce with\n  "
                            + run.replay());
                    return v;
                }
                if (!v.accepted()) {
                    System.out.println(broken.name() + ": seed " + run.seed() + " was not accepted, but not at "
                            + action + ": skipped");
                }
            }
        }
        return fail(broken.name() + ": no trace of " + MAX_SEEDS + " seeds was rejected at " + action);
    }

    @Test
    void aVoterThatForgetsItsVoteIsRejectedWhenItRestarts() throws IOException {
        Validation v = firstRejectedAt(BrokenRaftVariants.forgetfulVoter(), "Restart");
        assertEquals(List.of("votedFor"), v.rejection().get().differingFields());
    }

    @Test
    void aLeaderThatCommitsAnOldTermEntryByCountingIsRejected() throws IOException {
        Validation v = firstRejectedAt(BrokenRaftVariants.figure8Leader(), "AdvanceCommitIndex");
        assertTrue(v.rejection().get().reason().startsWith("the spec cannot take AdvanceCommitIndex"),
                v.rejection().get().reason());
    }
}
