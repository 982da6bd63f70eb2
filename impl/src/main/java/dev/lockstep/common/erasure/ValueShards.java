package dev.lockstep.common.erasure;

import dev.lockstep.base.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Optional;

/**
 * A value's bytes as the {@code n} {@link Shard}s of one group, any {@code d} of which rebuild it:
 * what every erasure-coded protocol (RSPaxos, CRaft) does with a value, written once on
 * {@link ReedSolomon}. Pure and deterministic: the same bytes always give the same shards, so a
 * value rebuilt and re-coded gives back exactly the shards it was rebuilt from.
 */
public final class ValueShards {
    private final ReedSolomon rs;

    /** Shards for a group of {@code members}, any {@code dataShards} of which rebuild a value. */
    public ValueShards(int members, int dataShards) {
        this.rs = ReedSolomon.of(dataShards, members - dataShards);
    }

    public int members() {
        return rs.totalShards();
    }

    public int dataShards() {
        return rs.dataShards();
    }

    /** The {@code n} shards of {@code value}, shard {@code i} for member position {@code i}. */
    public Shard[] encode(byte[] value) {
        long digest = digest(value);
        byte[][] coded = rs.encode(value);
        Shard[] shards = new Shard[coded.length];
        for (int i = 0; i < coded.length; i++) {
            shards[i] = new Shard(i, digest, Bytes.wrap(coded[i]));
        }
        return shards;
    }

    /**
     * The bytes of the value with {@code digest} that {@code shards} rebuild: empty when they
     * hold fewer than {@code d} distinct shards of it (shards of other values are ignored, a
     * repeated index counts once) or decode to bytes with another digest (a corrupt shard).
     */
    public Optional<byte[]> rebuild(long digest, Collection<Shard> shards) {
        byte[][] slots = new byte[rs.totalShards()][];
        int distinct = 0;
        for (Shard s : shards) {
            if (s.digest() == digest && s.index() < slots.length && slots[s.index()] == null) {
                slots[s.index()] = s.bytes().unsafeArray();
                distinct++;
            }
        }
        if (distinct < rs.dataShards()) {
            return Optional.empty();
        }
        try {
            byte[] value = rs.decode(slots);
            return digest(value) == digest ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first 8 bytes of the SHA-256 of {@code bytes}, big-endian. */
    public static long digest(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            long d = 0;
            for (int i = 0; i < 8; i++) {
                d = (d << 8) | (h[i] & 0xFF);
            }
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
