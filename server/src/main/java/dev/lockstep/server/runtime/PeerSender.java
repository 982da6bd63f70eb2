package dev.lockstep.server.runtime;

import dev.lockstep.base.NodeId;

/** Best-effort delivery of an encoded protocol message to a peer; must never block. */
@FunctionalInterface
public interface PeerSender {
    void send(NodeId to, byte[] encodedMessage);

    /**
     * The failure detector's view: the peers that look alive now, or null when this sender has
     * no view (the replica then keeps assuming every peer alive). Must not block.
     */
    default java.util.Set<NodeId> livePeers() {
        return null;
    }
}
