package dev.lockstep.multipaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.kv.KvStateMachine;

/**
 * The spec's per-server variables of one replica, durable and volatile kept apart. Durable
 * fields change only together with a {@link PaxosRecord} (see {@link Durability}); volatile
 * fields are lost on a crash and rebuilt by {@code Restart}. Bookkeeping the spec does not model
 * (timers, flow control, waiting clients) lives in the concern that owns it.
 */
final class PaxosState {

    // ---- durable: promised, log (and the snapshot that stands for the log's compacted prefix)

    /** The spec's {@code promised[i]}: the highest ballot promised or accepted in (0 = none). */
    long promised;
    /** The spec's {@code log[i]}. */
    final PaxosLog log = new PaxosLog();
    /** The state-machine snapshot at {@code log.snapshotSlot()}; null when there is none. */
    Bytes snapshotData;

    // ---- volatile

    /** The spec's {@code role[i]}: FOLLOWER, PRE_CANDIDATE ("Preparing") or LEADER. */
    Role role = Role.FOLLOWER;
    /** The spec's {@code commitIndex[i]}: every slot up to here is chosen and held or snapshotted. */
    long commitIndex;
    /** The spec's {@code promises[i]} while Preparing: a bit per member position. */
    long promises;
    /** The spec's {@code recovered[i]} while Preparing. */
    final Recovered recovered = new Recovered();
    /** The spec's {@code acks[i]} while leading. */
    final AckTable acks = new AckTable();
    /** The leader this replica last heard from in its promised ballot, or null. */
    NodeId leaderHint;
    /** The state machine. */
    KvStateMachine machine = new KvStateMachine();
    /** The implementation's {@code lastApplied}: the highest index applied to {@link #machine}. */
    long lastApplied;

    long appliedIndex() {
        return lastApplied;
    }

    boolean isLeader() {
        return role == Role.LEADER;
    }

    /** The commit index moves up to {@code slot} (never down; see PaxosInvariants). */
    void commitTo(long slot) {
        commitIndex = slot;
        log.seal(slot);
    }
}
