package dev.lockstep.core;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import java.util.Optional;

/**
 * What a replica reports about itself, for operators ({@code INFO}, {@code /status}), metrics and
 * the simulator's liveness checker.
 *
 * @param term term or ballot number
 * @param leaderHint the replica this one believes leads {@code term}, if any
 * @param commitIndex highest log index known committed
 * @param appliedIndex highest log index applied to the state machine
 * @param logLength highest log index held (including a snapshot's index)
 */
public record ReplicaStatus(
        NodeId id,
        Role role,
        long term,
        Optional<NodeId> leaderHint,
        long commitIndex,
        long appliedIndex,
        long logLength) {}
