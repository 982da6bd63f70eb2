package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.SessionTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One replica's protocol state (contract, "Variables"): the instance space, the conflict memory
 * that attributes dependencies, the number of its next own instance, the state machine, and the
 * volatile bookkeeping of execution and recovery. Owned by one replica; concerns share it
 * through {@link EPaxosContext}.
 */
final class EPaxosState {
    final InstanceSpace space;
    /** The contract's {@code known}: conflicts as this replica has held them. */
    final ConflictIndex known;
    /** What this replica still knows of the instances it forgot. */
    final ForgottenSummary forgotten;
    /** The number of this replica's next own instance (contract {@code next}). */
    long next = 1;
    KvStateMachine machine = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);

    /** How many instances this replica executed (since its state machine was empty). */
    long executedCount;
    /** Executed since the last checkpoint. */
    long executedSinceCheckpoint;
    /** Records written since the last checkpoint (the log a restart would replay). */
    long recordsSinceCheckpoint;
    /** Per owner row: every instance up to this number is executed here. */
    final long[] executedFloor;

    /** Instances this replica holds or waits for that are not committed here: recovery watches them. */
    final Set<InstanceId> unsettled = new TreeSet<>();
    /** The peers the failure detector last reported alive (every peer until it says otherwise). */
    Set<NodeId> livePeers;
    /** Contract's waiting notices: per instance the highest {@code k} a Waiting message carried (volatile). */
    final Map<InstanceId, Long> waitingNotices = new HashMap<>();

    /** Ghost for the invariants: the instances committed here in the current step. */
    final java.util.List<Instance> committedThisStep = new java.util.ArrayList<>();
    /**
     * Ghost for the invariants: the instances already committed here whose durable variables
     * changed in the current step, and those a restart restored as committed. Committed
     * attributes must never change, and a replica that was down while others committed must
     * hold the same as they do once it is back.
     */
    final java.util.Set<Instance> committedTouchedThisStep = new java.util.LinkedHashSet<>();

    EPaxosState(Membership members) {
        this.space = new InstanceSpace(members);
        this.known = new ConflictIndex(members.size());
        this.forgotten = new ForgottenSummary(members.size(), known);
        this.executedFloor = new long[members.size()];
        Set<NodeId> peers = new TreeSet<>(members.all());
        peers.remove(members.self());
        this.livePeers = peers;
    }
}
