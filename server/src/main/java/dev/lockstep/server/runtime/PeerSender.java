package dev.lockstep.server.runtime;

import dev.lockstep.base.NodeId;

/** Best-effort delivery of an encoded protocol message to a peer; must never block. */
@FunctionalInterface
public interface PeerSender {
    void send(NodeId to, byte[] encodedMessage);
}
