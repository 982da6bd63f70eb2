package dev.lockstep.server.admin;

import dev.lockstep.server.resp.ClientStats;
import dev.lockstep.server.resp.ServerView;
import dev.lockstep.server.runtime.RuntimeStats;
import java.util.Optional;

/** Everything the admin endpoints show: the client view plus runtime internals. */
public interface AdminView extends ServerView {
    RuntimeStats runtimeStats();

    ClientStats clientStats();

    /** Frame bytes sent to peers so far (see {@code PeerTransport#sentBytes}). */
    long peerSentBytes();

    /** What start-up recovery cut off the log's torn tail, if anything. */
    Optional<String> truncatedTail();

    /** Why the replica stopped (storage failure, a replica exception), if it did. */
    Optional<String> failure();
}
