package dev.lockstep.common.erasure;

import dev.lockstep.base.Bytes;
import java.util.Objects;

/**
 * One Reed-Solomon shard of a value, as a replica of an erasure-coded protocol stores it
 * (RSPaxos.tla's {@code [val, idx]}): shard number {@code index} of the value whose bytes have
 * the 64-bit {@code digest}. The digest tells shards of one value from shards of another (an
 * RSPaxos leader counts them across ballots; a retried request may carry a new timestamp, so a
 * request id alone is not enough) and catches a rebuild from shards that do not belong together.
 * {@link ValueShards} makes and rebuilds them.
 *
 * @param index the shard number, 0..N-1 (the position of the member it was made for)
 * @param digest {@link ValueShards#digest} of the value's bytes
 * @param bytes the shard's bytes
 */
public record Shard(int index, long digest, Bytes bytes) {
    public Shard {
        if (index < 0 || index > 254) {
            throw new IllegalArgumentException("shard index " + index + " outside 0..254");
        }
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String toString() {
        return "Shard[" + index + " of " + Long.toHexString(digest) + ", " + bytes.length() + " bytes]";
    }
}
