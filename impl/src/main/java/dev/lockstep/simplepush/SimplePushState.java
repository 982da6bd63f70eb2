package dev.lockstep.simplepush;

import dev.lockstep.common.ExecutedLog;

/**
 * The spec's durable and executed variables of one replica: {@code log[i]}'s length and
 * {@code applied[i]} are the {@link ExecutedLog}'s (an entry is executed in the step that logs
 * it); {@code sm[i]} is its state machine. The pending writes ({@code pending[i]}) belong to
 * {@link Replication}.
 */
final class SimplePushState {
    final ExecutedLog log = new ExecutedLog();
}
