package dev.lockstep.server.resp;

import dev.lockstep.kv.Result;
import java.util.List;

/**
 * Maps {@link Result}s of the KV state machine to Redis replies the way Redis answers the same
 * command: an absent value and a condition that did not hold are nil, an aborted transaction a
 * nil array, a deterministic failure {@code -ERR}, and "not applied here / outcome unknown"
 * {@code -TRYAGAIN} (the only errors a client should retry).
 */
final class Replies {
    static final String NO_TARGET = "TRYAGAIN no replica could take the request yet (no leader elected); retry shortly";

    private Replies() {}

    /** The reply when no command-specific shape applies. */
    static RespReply generic(Result result) {
        if (result instanceof Result.Ok) {
            return RespReply.OK;
        } else if (result instanceof Result.NotApplied) {
            return RespReply.NULL;
        } else if (result instanceof Result.Int i) {
            return new RespReply.Int(i.value());
        } else if (result instanceof Result.Value v) {
            return value(v);
        } else if (result instanceof Result.Error e) {
            return new RespReply.Err(errorText(e.message()));
        } else if (result instanceof Result.Array a) {
            List<RespReply> elements = a.elements().stream().map(Replies::generic).toList();
            return switch (a.shape()) {
                case LIST -> new RespReply.Arr(elements);
                case MAP -> new RespReply.MapReply(elements);
                case SET -> new RespReply.SetReply(elements);
                case PAIRS -> new RespReply.Pairs(elements);
            };
        } else if (result instanceof Result.Score sc) {
            return new RespReply.Dbl(dev.lockstep.kv.redis.Numbers.format(sc.value()));
        } else if (result instanceof Result.Status st) {
            return new RespReply.Simple(st.text());
        } else if (result instanceof Result.Aborted) {
            return RespReply.NULL_ARRAY;
        } else if (result instanceof Result.Redirect) {
            return new RespReply.Err(NO_TARGET);
        } else if (result instanceof Result.Unknown u) {
            return new RespReply.Err("TRYAGAIN outcome unknown (" + u.reason()
                    + "); the command may or may not have taken effect");
        } else if (result instanceof Result.Multi m) {
            return new RespReply.Arr(m.results().stream().map(Replies::generic).toList());
        }
        throw new IllegalArgumentException("unknown result " + result);
    }

    /** An error's text with its Redis code: the data model's errors carry one (WRONGTYPE, ERR), older ones get ERR. */
    static String errorText(String message) {
        int space = message.indexOf(' ');
        String first = space > 0 ? message.substring(0, space) : message;
        boolean coded = !first.isEmpty() && first.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z');
        return coded ? message : "ERR " + message;
    }

    static RespReply value(Result.Value v) {
        return v.value().isPresent() ? new RespReply.Bulk(v.value().get().unsafeArray()) : RespReply.NULL;
    }

    /** GET: the value or nil. */
    static RespReply get(List<Result> results) {
        Result r = results.get(0);
        return r instanceof Result.Value v ? value(v) : generic(r);
    }

    /** SET (plain, NX, XX, IFEQ): OK, or nil when the condition did not hold. */
    static RespReply set(List<Result> results) {
        return generic(results.get(0));
    }

    /** DEL k...: how many keys existed. */
    static RespReply delCount(List<Result> results) {
        long n = 0;
        for (Result r : results) {
            if (!(r instanceof Result.Int i)) {
                return generic(r);
            }
            n += i.value();
        }
        return new RespReply.Int(n);
    }

    /** EXISTS k...: how many of the keys exist (a key named twice counts twice, as in Redis). */
    static RespReply existsCount(List<Result> results) {
        long n = 0;
        for (Result r : results) {
            if (!(r instanceof Result.Value v)) {
                return generic(r);
            }
            n += v.value().isPresent() ? 1 : 0;
        }
        return new RespReply.Int(n);
    }

    /** MGET: one value or nil per key. */
    static RespReply values(List<Result> results) {
        return new RespReply.Arr(results.stream()
                .map(r -> r instanceof Result.Value v ? value(v) : generic(r)).toList());
    }

    /** MSET: OK once every put was applied. */
    static RespReply allOk(List<Result> results) {
        for (Result r : results) {
            if (!(r instanceof Result.Ok)) {
                return generic(r);
            }
        }
        return RespReply.OK;
    }

    /** INCR and friends: the new value, or the error. */
    static RespReply integer(List<Result> results) {
        return generic(results.get(0));
    }
}
