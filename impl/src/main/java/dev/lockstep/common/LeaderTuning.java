package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Parameter;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Parameters;
import dev.lockstep.base.Prng;
import dev.lockstep.core.ReplicaConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters every leader-based log protocol here shares (Raft, MultiPaxos): a randomized
 * election timeout, the leader's heartbeat, replication batching and flow control, and how often
 * to snapshot. Times are in ticks. Declared once as a {@link ParameterSet}; a core reads its
 * values with {@link #of(Parameters)}.
 *
 * @param electionTicksMin lower bound of the randomized election timeout
 * @param electionTicksMax upper bound (inclusive) of the randomized election timeout
 * @param heartbeatTicks leader heartbeat interval
 * @param maxBatchEntries most log entries in one replication message
 * @param maxInflight most replication messages in flight to one follower (flow control)
 * @param snapshotEvery take a snapshot and compact the log after this many applied entries
 *     (0 = never)
 */
public record LeaderTuning(int electionTicksMin, int electionTicksMax, int heartbeatTicks, int maxBatchEntries,
        int maxInflight, int snapshotEvery) {

    public static final String ELECTION_TICKS_MIN = "electionTicksMin";
    public static final String ELECTION_TICKS_MAX = "electionTicksMax";
    public static final String HEARTBEAT_TICKS = "heartbeatTicks";
    public static final String MAX_BATCH_ENTRIES = "maxBatchEntries";
    public static final String MAX_INFLIGHT = "maxInflight";
    public static final String SNAPSHOT_EVERY = "snapshotEvery";

    /** The server defaults suit a 10 ms tick (docs/benchmarks.md). */
    public static final ParameterSet PARAMETERS = new ParameterSet(List.of(
            new Parameter(ELECTION_TICKS_MIN, "shortest randomized election timeout, in ticks", 2, 1_000_000, 50),
            new Parameter(ELECTION_TICKS_MAX, "longest randomized election timeout, in ticks", 2, 1_000_000, 100),
            new Parameter(HEARTBEAT_TICKS, "leader heartbeat interval, in ticks", 1, 1_000_000, 5),
            new Parameter(MAX_BATCH_ENTRIES, "most log entries in one replication message", 1, 1_000_000, 64),
            new Parameter(MAX_INFLIGHT, "most replication messages in flight to one follower", 1, 1_000_000, 8),
            new Parameter(SNAPSHOT_EVERY, "snapshot and compact the log after this many applied entries (0: never)",
                    0, Integer.MAX_VALUE, 10_000)),
            LeaderTuning::rule, LeaderTuning::draw);

    /** Short timeouts for scripted tests and examples (a tick of about 10 ms). */
    public static final LeaderTuning SCRIPTED = new LeaderTuning(10, 20, 2, 64, 8, 10_000);

    public LeaderTuning {
        PARAMETERS.of(values(electionTicksMin, electionTicksMax, heartbeatTicks, maxBatchEntries, maxInflight,
                snapshotEvery));
    }

    /** A core's typed view of its parameters. */
    public static LeaderTuning of(Parameters p) {
        return new LeaderTuning(p.get(ELECTION_TICKS_MIN), p.get(ELECTION_TICKS_MAX), p.get(HEARTBEAT_TICKS),
                p.get(MAX_BATCH_ENTRIES), p.get(MAX_INFLIGHT), p.get(SNAPSHOT_EVERY));
    }

    public Parameters parameters() {
        return PARAMETERS.of(values(electionTicksMin, electionTicksMax, heartbeatTicks, maxBatchEntries, maxInflight,
                snapshotEvery));
    }

    /** A replica config with these values (tests and benchmarks). */
    public ReplicaConfig config(NodeId self, List<NodeId> members, boolean tracing) {
        return new ReplicaConfig(self, members, parameters(), tracing);
    }

    public LeaderTuning withSnapshotEvery(int every) {
        return new LeaderTuning(electionTicksMin, electionTicksMax, heartbeatTicks, maxBatchEntries, maxInflight, every);
    }

    public LeaderTuning withBatch(int maxBatch, int inflight) {
        return new LeaderTuning(electionTicksMin, electionTicksMax, heartbeatTicks, maxBatch, inflight, snapshotEvery);
    }

    private static Map<String, Integer> values(int min, int max, int heartbeat, int batch, int inflight, int every) {
        Map<String, Integer> v = new LinkedHashMap<>();
        v.put(ELECTION_TICKS_MIN, min);
        v.put(ELECTION_TICKS_MAX, max);
        v.put(HEARTBEAT_TICKS, heartbeat);
        v.put(MAX_BATCH_ENTRIES, batch);
        v.put(MAX_INFLIGHT, inflight);
        v.put(SNAPSHOT_EVERY, every);
        return v;
    }

    /** A heartbeat must come well within the shortest election timeout. */
    private static Optional<String> rule(Parameters p) {
        int min = p.get(ELECTION_TICKS_MIN);
        int max = p.get(ELECTION_TICKS_MAX);
        int heartbeat = p.get(HEARTBEAT_TICKS);
        if (heartbeat >= min || max < min) {
            return Optional.of("need heartbeatTicks < electionTicksMin <= electionTicksMax, got " + heartbeat + ", "
                    + min + ", " + max);
        }
        return Optional.empty();
    }

    /**
     * A simulation's draw: short and sometimes nearly equal election timeouts (split votes),
     * every batch and flow-control shape, frequent snapshots or none.
     */
    private static Map<String, Integer> draw(Prng rng) {
        int min = rng.nextIntInclusive(10, 16);
        int max = min + (rng.chance(0.3) ? rng.nextIntInclusive(1, 3) : rng.nextIntInclusive(4, 15));
        int heartbeat = rng.nextIntInclusive(1, 3);
        int batch = new int[] {1, 2, 4, 16, 64}[rng.nextInt(5)];
        int inflight = rng.nextIntInclusive(1, 8);
        int snapshotEvery = rng.chance(0.3) ? 0 : rng.nextIntInclusive(3, 40);
        return values(min, max, heartbeat, batch, inflight, snapshotEvery);
    }
}
