package dev.lockstep.server.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply to a Redis client, independent of the protocol version: {@link RespEncoder} writes it
 * as RESP2 or RESP3 (nulls and maps differ).
 */
public sealed interface RespReply {

    RespReply OK = new Simple("OK");
    RespReply QUEUED = new Simple("QUEUED");
    RespReply NULL = new Null();
    RespReply NULL_ARRAY = new NullArray();

    /** {@code +text} */
    record Simple(String text) implements RespReply {}

    /** {@code -CODE message}; {@code text} starts with the error code (ERR, TRYAGAIN, ...). */
    record Err(String text) implements RespReply {}

    /** {@code :n} */
    record Int(long value) implements RespReply {}

    /** {@code $len data} */
    record Bulk(byte[] data) implements RespReply {}

    /** RESP2 {@code $-1}, RESP3 {@code _}: an absent value. */
    record Null() implements RespReply {}

    /** RESP2 {@code *-1}, RESP3 {@code _}: an absent array (an aborted transaction). */
    record NullArray() implements RespReply {}

    /** {@code *n elements} */
    record Arr(List<RespReply> elements) implements RespReply {}

    /** RESP3 {@code %n key value ...}; RESP2 a flat array of keys and values. */
    record MapReply(List<RespReply> keysAndValues) implements RespReply {}

    /** RESP3 {@code ~n elements}; RESP2 an array. */
    record SetReply(List<RespReply> elements) implements RespReply {}

    /** RESP3 an array of 2-element arrays; RESP2 the same elements flat (ZRANGE .. WITHSCORES). */
    record Pairs(List<RespReply> flat) implements RespReply {}

    /** RESP3 {@code ,text} (a double, {@code inf}/{@code -inf} included); RESP2 a bulk string. */
    record Dbl(String text) implements RespReply {}

    static RespReply bulk(String text) {
        return new Bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    static RespReply error(String text) {
        return new Err(text);
    }
}
