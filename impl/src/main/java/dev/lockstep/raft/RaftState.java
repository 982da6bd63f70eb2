package dev.lockstep.raft;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.kv.KvStateMachine;

/**
 * The spec's per-server variables of one replica, durable and volatile kept apart. Durable
 * fields change only together with a {@link RaftRecord} (see {@link Durability}); volatile
 * fields are lost on a crash and rebuilt by {@code Restart}. Bookkeeping that the spec does not
 * model (timers, flow control, pending clients) lives in the concern that owns it.
 */
final class RaftState {

    // ---- durable: currentTerm, votedFor, log (and the snapshot that stands for the log's prefix)

    /** The spec's {@code currentTerm[i]}. */
    long currentTerm;
    /** The spec's {@code votedFor[i]}; null is {@code Nil}. */
    NodeId votedFor;
    /** The spec's {@code log[i]}. */
    final RaftLog log = new RaftLog();
    /** The state-machine snapshot at {@code log.snapshotIndex()}; null when there is none. */
    Bytes snapshotData;

    // ---- volatile

    /** The spec's {@code state[i]}. */
    Role role = Role.FOLLOWER;
    /** The spec's {@code commitIndex[i]}. */
    long commitIndex;
    /** The spec's {@code votesGranted[i]}: a bit per member position. */
    long votesGranted;
    /** The spec's {@code matchIndex[i]}, by member position (leader only; own slot unused). */
    final long[] matchIndex;
    /** The leader of {@code currentTerm} as far as this replica knows, or null. */
    NodeId leaderHint;
    /** The state machine. */
    KvStateMachine machine = new KvStateMachine();
    /** The implementation's {@code lastApplied}: the highest index applied to {@link #machine}. */
    long lastApplied;

    RaftState(int members) {
        this.matchIndex = new long[members];
    }

    long appliedIndex() {
        return lastApplied;
    }

    boolean isLeader() {
        return role == Role.LEADER;
    }
}
