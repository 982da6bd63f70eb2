package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reply values every command group builds: bulk strings, nil, arrays of bulk strings. */
final class Replies {
    static final Result NIL = new Result.Value(Optional.empty());
    static final Result EMPTY_ARRAY = new Result.Array(List.of());

    private Replies() {}

    /** A bulk string reply, nil when {@code v} is null. */
    static Result bulk(Bytes v) {
        return new Result.Value(Optional.ofNullable(v));
    }

    /** An array of bulk strings, in the order given. */
    static Result bulks(Iterable<Bytes> values) {
        List<Result> out = new ArrayList<>();
        for (Bytes v : values) {
            out.add(bulk(v));
        }
        return new Result.Array(out);
    }
}
