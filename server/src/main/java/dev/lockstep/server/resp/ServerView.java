package dev.lockstep.server.resp;

import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.peer.PeerState;
import java.util.List;

/** What the client API may show about the server (INFO, HELLO). */
public interface ServerView {
    ServerConfig config();

    ReplicaStatus status();

    List<PeerState> peers();

    long uptimeMillis();

    /** Client requests this replica forwarded to a leader so far. */
    long forwardedRequests();

    /** Whether the client, peer and admin listeners use native epoll. */
    boolean epoll();
}
