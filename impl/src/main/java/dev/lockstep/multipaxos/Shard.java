package dev.lockstep.multipaxos;

import dev.lockstep.base.Bytes;
import java.util.Objects;

/**
 * One Reed-Solomon shard of a value, as an RSPaxos acceptor stores it (RSPaxos.tla's
 * {@code [val, idx]}): shard number {@code index} of the value whose encoded bytes have the
 * 64-bit {@code digest}. The digest is what tells shards of one value from shards of another
 * when a new leader counts them across ballots (RSPaxos.tla, the recovery rule): the request id
 * alone is not enough, since a retried request may carry a new timestamp.
 *
 * @param index the shard number, 0..N-1 (the position of the member it was made for)
 * @param digest the first 8 bytes of the SHA-256 of the value's encoded bytes
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
