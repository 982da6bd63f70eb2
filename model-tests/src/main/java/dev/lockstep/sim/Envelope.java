package dev.lockstep.sim;

import dev.lockstep.core.Message;
import java.util.Map;

/**
 * A message in flight. {@code traceMessage} is the JSON form the sender's trace line gave for it
 * ({@code sent}), used for the network's own trace lines and to check receive lines; null when
 * tracing is off.
 */
record Envelope(int from, int to, Message message, Map<String, Object> traceMessage) {}
