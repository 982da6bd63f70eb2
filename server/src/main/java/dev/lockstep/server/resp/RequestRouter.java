package dev.lockstep.server.resp;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.function.Consumer;

/**
 * Runs a client's KV command on the cluster and answers exactly once, within a bounded time
 * ({@code done} may run on any thread). Implemented by the node's router, which submits to the
 * local replica or forwards to the leader.
 */
@FunctionalInterface
public interface RequestRouter {
    void execute(RequestId id, Command command, Consumer<Result> done);
}
