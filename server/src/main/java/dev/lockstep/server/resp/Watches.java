package dev.lockstep.server.resp;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection's WATCH-ed keys (optimistic transactions): WATCH reads each key's version
 * through a linearizable read, and EXEC sends the versions with the transaction
 * ({@link Command.Watch}), so the check that nothing wrote them is part of the replicated
 * transaction and EXEC returns a null array when one was written. A WATCH whose read failed
 * makes the next EXEC fail the same way (the client retries, as after a conflict). Used on the
 * connection's event loop only.
 */
final class Watches {
    private final Map<Bytes, Long> versions = new LinkedHashMap<>();
    private int pending;
    private boolean failed;
    private final List<Runnable> whenSettled = new ArrayList<>();

    /** The read that learns the versions of {@code keys}; its result goes to {@link #learned}. */
    Command.Versions read(List<byte[]> args) {
        pending++;
        List<Bytes> keys = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            keys.add(Bytes.wrap(args.get(i)));
        }
        return new Command.Versions(keys);
    }

    /** The versions read for a WATCH; returns the reply to it. */
    RespReply learned(Command.Versions read, Result result) {
        pending--;
        RespReply reply;
        if (result instanceof Result.Array a && a.elements().size() == read.keys().size()) {
            for (int i = 0; i < read.keys().size(); i++) {
                // The first version read of a key counts: a later WATCH of it does not reset it.
                versions.putIfAbsent(read.keys().get(i), ((Result.Int) a.elements().get(i)).value());
            }
            reply = RespReply.OK;
        } else {
            failed = true;
            reply = Replies.generic(result);
        }
        if (pending == 0) {
            List<Runnable> run = new ArrayList<>(whenSettled);
            whenSettled.clear();
            run.forEach(Runnable::run);
        }
        return reply;
    }

    /** Runs {@code action} once every WATCH sent so far has its versions (at once if none is pending). */
    void afterPending(Runnable action) {
        if (pending == 0) {
            action.run();
        } else {
            whenSettled.add(action);
        }
    }

    /** True when a WATCH failed: the transaction must not run. */
    boolean failed() {
        return failed;
    }

    /** The guards for EXEC. */
    List<Command.Watch> guards() {
        List<Command.Watch> out = new ArrayList<>(versions.size());
        versions.forEach((k, v) -> out.add(new Command.Watch(k, v)));
        return out;
    }

    /** UNWATCH, and what EXEC and DISCARD do: forget every watched key. */
    void clear() {
        versions.clear();
        failed = false;
    }
}
