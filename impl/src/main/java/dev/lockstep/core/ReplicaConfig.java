package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import java.util.List;

/**
 * Protocol-agnostic tuning of a replica. Times are in ticks.
 *
 * @param members every replica of the cluster, including {@code self}
 * @param electionTicksMin lower bound of the randomized election timeout
 * @param electionTicksMax upper bound (inclusive) of the randomized election timeout
 * @param heartbeatTicks leader heartbeat interval
 * @param maxBatchEntries most log entries in one replication message
 * @param maxInflight most replication messages in flight to one follower (flow control)
 * @param snapshotEvery take a snapshot and compact the log after this many applied entries
 *     (0 = never)
 * @param tracing emit {@link Effect.Trace} effects (off in production unless asked for: building
 *     them costs allocations; it never changes the replica's behaviour)
 */
public record ReplicaConfig(
        NodeId self,
        List<NodeId> members,
        int electionTicksMin,
        int electionTicksMax,
        int heartbeatTicks,
        int maxBatchEntries,
        int maxInflight,
        int snapshotEvery,
        boolean tracing) {

    public ReplicaConfig {
        members = List.copyOf(members);
        if (!members.contains(self)) {
            throw new IllegalArgumentException(self + " is not among the members " + members);
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("duplicate member ids in " + members);
        }
        if (electionTicksMin <= heartbeatTicks || electionTicksMax < electionTicksMin) {
            throw new IllegalArgumentException("need heartbeatTicks < electionTicksMin <= electionTicksMax, got "
                    + heartbeatTicks + ", " + electionTicksMin + ", " + electionTicksMax);
        }
        if (maxBatchEntries < 1 || maxInflight < 1 || snapshotEvery < 0) {
            throw new IllegalArgumentException("maxBatchEntries and maxInflight must be >= 1, snapshotEvery >= 0");
        }
    }

    /** Defaults suited to a tick of about 10 ms. */
    public static ReplicaConfig defaults(NodeId self, List<NodeId> members) {
        return new ReplicaConfig(self, members, 10, 20, 2, 64, 8, 10_000, false);
    }

    public ReplicaConfig withTracing(boolean on) {
        return new ReplicaConfig(self, members, electionTicksMin, electionTicksMax, heartbeatTicks,
                maxBatchEntries, maxInflight, snapshotEvery, on);
    }

    public int quorum() {
        return members.size() / 2 + 1;
    }
}
