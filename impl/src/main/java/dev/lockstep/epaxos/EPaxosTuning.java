package dev.lockstep.epaxos;

import dev.lockstep.core.Parameter;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Parameters;
import dev.lockstep.base.Prng;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EPaxos's tunable numbers, in ticks where they are times.
 *
 * @param recoveryTicks an instance this replica holds (or waits for) that makes no progress for
 *     this long is recovered by it (EPaxos §4.6 "explicit prepare", here EPaxos* recovery); each
 *     replica adds its own offset so that two do not start together. The server's default, 200
 *     ticks (2 s), outlasts the pauses of a loaded replica (a checkpoint of a large store, a
 *     collection): with 50, recoveries started during such pauses duelled with the returning
 *     coordinator and kept some requests waiting over 5 s (docs/benchmarks.md)
 * @param fastWaitTicks once a slow quorum answered a PreAccept, how long the coordinator waits
 *     for a fast quorum of identical answers from the peers that look alive before it takes the
 *     slow path
 * @param maxBatch most client commands in one instance (EPaxos §6.5, batching)
 * @param maxInflight most own instances being decided at once; requests beyond wait and go out
 *     together in the next instance (adaptive batching)
 * @param snapshotEvery checkpoint (state machine snapshot plus instance table) after this many
 *     executed instances, once at least as many records as the state machine has keys were
 *     logged since the last one (0: never)
 * @param forgetTicks report the executed floor to the other replicas, and forget the instances
 *     every replica executed, this often (0: never forget; memory then grows with every instance)
 */
record EPaxosTuning(int recoveryTicks, int fastWaitTicks, int maxBatch, int maxInflight, int snapshotEvery,
        int forgetTicks) {

    static final String RECOVERY_TICKS = "recoveryTicks";
    static final String FAST_WAIT_TICKS = "fastWaitTicks";
    static final String MAX_BATCH = "maxBatch";
    static final String MAX_INFLIGHT = "maxInflight";
    static final String SNAPSHOT_EVERY = "snapshotEvery";
    static final String FORGET_TICKS = "forgetTicks";

    /** Server defaults for a 10 ms tick. */
    static final ParameterSet PARAMETERS = new ParameterSet(List.of(
            new Parameter(RECOVERY_TICKS, "recover an instance that made no progress for this many ticks", 2,
                    1_000_000, 200),
            new Parameter(FAST_WAIT_TICKS, "wait this many ticks for a fast quorum once a slow quorum answered", 0,
                    1_000_000, 2),
            new Parameter(MAX_BATCH, "most client commands in one instance", 1, 1_000_000, 256),
            new Parameter(MAX_INFLIGHT, "most own instances being decided at once (more requests are batched)", 1,
                    1_000_000, 32),
            new Parameter(SNAPSHOT_EVERY, "checkpoint after this many executed instances (0: never)", 0,
                    Integer.MAX_VALUE, 10_000),
            new Parameter(FORGET_TICKS, "report the executed floor and forget what every replica executed this often"
                    + " (0: never)", 0, 1_000_000, 10)),
            p -> p.get(FAST_WAIT_TICKS) < p.get(RECOVERY_TICKS) ? Optional.empty()
                    : Optional.of("need fastWaitTicks < recoveryTicks, got " + p.get(FAST_WAIT_TICKS) + ", "
                            + p.get(RECOVERY_TICKS)),
            EPaxosTuning::draw);

    static EPaxosTuning of(Parameters p) {
        return new EPaxosTuning(p.get(RECOVERY_TICKS), p.get(FAST_WAIT_TICKS), p.get(MAX_BATCH), p.get(MAX_INFLIGHT),
                p.get(SNAPSHOT_EVERY), p.get(FORGET_TICKS));
    }

    /** A simulation's draw: quick recoveries (often duelling), small batches, frequent checkpoints. */
    private static Map<String, Integer> draw(Prng rng) {
        Map<String, Integer> v = new LinkedHashMap<>();
        int recovery = rng.nextIntInclusive(8, 30);
        v.put(RECOVERY_TICKS, recovery);
        v.put(FAST_WAIT_TICKS, rng.nextIntInclusive(0, Math.min(4, recovery - 1)));
        v.put(MAX_BATCH, new int[] {1, 2, 4, 16}[rng.nextInt(4)]);
        v.put(MAX_INFLIGHT, rng.nextIntInclusive(1, 8));
        v.put(SNAPSHOT_EVERY, rng.chance(0.3) ? 0 : rng.nextIntInclusive(3, 40));
        v.put(FORGET_TICKS, rng.chance(0.1) ? 0 : rng.nextIntInclusive(1, 8));
        return v;
    }
}
