package dev.lockstep.server.resp;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.function.Function;

/**
 * A client command that reads or writes data: the KV operations it stands for and how their
 * results become the command's Redis reply. A command with several operations (DEL k1 k2,
 * MSET, MGET) runs them as one atomic transaction.
 *
 * @param name the command name, lower case (metrics, errors)
 * @param ops the operations, in order
 * @param shape builds the reply from one result per operation
 * @param bytes the size of the command's arguments (for the MULTI size limit)
 */
record KvCommand(String name, List<Command> ops, Function<List<Result>, RespReply> shape, long bytes) {

    /** What to submit: the single operation, or all of them as one transaction. */
    Command submission() {
        return ops.size() == 1 ? ops.get(0) : new Command.Txn(List.of(), ops);
    }

    /** The reply to the result of {@link #submission()}. */
    RespReply reply(Result result) {
        if (result instanceof Result.Redirect || result instanceof Result.Unknown) {
            return Replies.generic(result);
        }
        if (ops.size() == 1) {
            return shape.apply(List.of(result));
        }
        if (result instanceof Result.Multi m && m.results().size() == ops.size()) {
            return shape.apply(m.results());
        }
        return Replies.generic(result);
    }
}
