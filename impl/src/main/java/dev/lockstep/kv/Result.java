package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import java.util.List;
import java.util.Optional;

/** The outcome of a client request. */
public sealed interface Result {

    /** A read's value; empty when the key is absent. */
    record Value(Optional<Bytes> value) implements Result {}

    record Ok() implements Result {
        public static final Ok INSTANCE = new Ok();
    }

    /** A conditional write (SET NX/XX, CAS) whose condition did not hold: nothing changed. */
    record NotApplied() implements Result {
        public static final NotApplied INSTANCE = new NotApplied();
    }

    record Int(long value) implements Result {}

    /** The command was applied and failed deterministically (e.g. INCR of a non-integer). */
    record Error(String message) implements Result {}

    /** The results of a transaction's ops, in order. */
    record Multi(List<Result> results) implements Result {
        public Multi {
            results = List.copyOf(results);
        }
    }

    /**
     * A Redis array reply: one result per element, and the shape RESP3 gives it (RESP2 writes
     * every shape as a flat array).
     */
    record Array(List<Result> elements, Shape shape) implements Result {
        public Array {
            elements = List.copyOf(elements);
            java.util.Objects.requireNonNull(shape, "shape");
            if ((shape == Shape.MAP || shape == Shape.PAIRS) && elements.size() % 2 != 0) {
                throw new IllegalArgumentException(shape + " needs an even number of elements");
            }
        }

        /** A plain array (LRANGE, MGET, KEYS, ...). */
        public Array(List<Result> elements) {
            this(elements, Shape.LIST);
        }
    }

    /** How RESP3 writes an {@link Array}. */
    enum Shape {
        /** An array. */
        LIST,
        /** A map of keys and values (HGETALL): RESP3 {@code %}. */
        MAP,
        /** A set (SMEMBERS, SINTER, ...): RESP3 {@code ~}. */
        SET,
        /** Pairs (ZRANGE WITHSCORES, ZPOPMIN, HRANDFIELD WITHVALUES): RESP3 an array of 2-element arrays. */
        PAIRS
    }

    /** A sorted-set score: RESP3 a double, RESP2 a bulk string as Redis formats it. */
    record Score(double value) implements Result {}

    /** A Redis status reply other than OK (TYPE's {@code +string}, ...). */
    record Status(String text) implements Result {}

    /** A transaction whose compares did not all hold: nothing changed. */
    record Aborted() implements Result {
        public static final Aborted INSTANCE = new Aborted();
    }

    /**
     * This replica does not take the request (e.g. it does not lead, or another replica must
     * order it); it was not applied here. Send it to {@code target} if known, else retry
     * later. Every server follows redirects (docs/runtime-contract.md, "Routing").
     */
    record Redirect(Optional<NodeId> target) implements Result {
        public static final Redirect UNKNOWN_TARGET = new Redirect(Optional.empty());
    }

    /**
     * The request was accepted but its outcome is unknown (e.g. leadership was lost before it
     * committed): it may or may not take effect. Retry with the same {@link RequestId}; client
     * sessions make the retry safe.
     */
    record Unknown(String reason) implements Result {}

    /** True when this result says the request definitely took effect or was definitely read. */
    default boolean isDefinite() {
        return !(this instanceof Redirect || this instanceof Unknown);
    }
}
