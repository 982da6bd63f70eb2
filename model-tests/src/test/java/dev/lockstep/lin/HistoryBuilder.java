package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Terse construction of histories for tests: {@code op(client, invoke, response, cmd, result)}. */
final class HistoryBuilder {
    private final List<Operation> ops = new ArrayList<>();

    HistoryBuilder op(long client, long invoke, long response, Command command, Result result) {
        ops.add(Operation.completed(ops.size(), client, command, invoke, response, result));
        return this;
    }

    HistoryBuilder unknown(long client, long invoke, Command command) {
        ops.add(Operation.unknown(ops.size(), client, command, invoke));
        return this;
    }

    History build() {
        return new History(ops);
    }

    static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    static Command put(String k, String v) {
        return new Command.Put(b(k), b(v));
    }

    static Command get(String k) {
        return new Command.Get(b(k));
    }

    static Command cas(String k, String expected, String next) {
        return new Command.Cas(b(k), Optional.ofNullable(expected).map(Bytes::utf8), b(next));
    }

    static Result value(String v) {
        return new Result.Value(Optional.ofNullable(v).map(Bytes::utf8));
    }

    static final Result OK = Result.Ok.INSTANCE;
    static final Result NOT_APPLIED = Result.NotApplied.INSTANCE;
}
