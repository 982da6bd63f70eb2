package dev.lockstep.server.peer;

import dev.lockstep.base.NodeId;

/**
 * What an operator sees about one peer (INFO, /status, the cluster page).
 *
 * @param outbound our connection to it: connecting, connected, backoff or closed
 * @param inbound whether it holds a handshaken connection to us
 * @param sent frames written to it
 * @param dropped frames dropped (unreachable, queue full, socket backed up)
 * @param connects successful handshakes of our connection so far
 * @param lastError why the last connection attempt failed or closed, or null
 */
public record PeerState(NodeId id, String address, String outbound, boolean inbound, long sent, long dropped,
                        long connects, String lastError) {}
