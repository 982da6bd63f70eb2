package dev.lockstep.common.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Prng;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any d of the n shards give the value back and fewer do not, for every size (empty and not a
 * multiple of d included); encoding is a function of its input; and, since this is an erasure
 * code, a wrong byte is noticed only where the decoder reads it.
 */
class ReedSolomonProperties {

    @Provide
    Arbitrary<byte[]> values() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(5000));
    }

    /** {@code count} distinct shard indices of {@code n}, as a bit mask, drawn from {@code seed}. */
    static long subset(int n, int count, long seed) {
        Prng prng = new Prng(seed);
        long mask = 0;
        while (Long.bitCount(mask) < count) {
            mask |= 1L << prng.nextInt(n);
        }
        return mask;
    }

    @Property(tries = 500, seed = "17")
    void anyDOrMoreShardsReconstruct(@ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 0, max = 4) int p,
            @ForAll("values") byte[] value, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.of(d, p);
        byte[][] shards = rs.encode(value);
        int present = d + new Prng(seed).nextInt(p + 1);
        assertArrayEquals(value, rs.decode(ReedSolomonTest.keep(shards, subset(d + p, present, seed))));
    }

    @Property(tries = 100, seed = "18")
    void largerCodesReconstructFromAnyD(@ForAll("larger") int[] dp, @ForAll("values") byte[] value, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.of(dp[0], dp[1]);
        byte[][] shards = rs.encode(value);
        assertArrayEquals(value, rs.decode(ReedSolomonTest.keep(shards, subset(rs.totalShards(), dp[0], seed))));
    }

    @Provide
    Arbitrary<int[]> larger() {
        return Arbitraries.of(new int[] {10, 4}, new int[] {8, 8}, new int[] {16, 4}, new int[] {12, 20}, new int[] {32, 2});
    }

    @Property(tries = 300, seed = "19")
    void fewerThanDShardsAreRefused(@ForAll @IntRange(min = 1, max = 10) int d, @ForAll @IntRange(min = 0, max = 4) int p,
            @ForAll("values") byte[] value, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.of(d, p);
        int present = new Prng(seed).nextInt(d);
        byte[][] kept = ReedSolomonTest.keep(rs.encode(value), subset(d + p, present, seed));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rs.decode(kept));
        assertEquals("need " + d + " shards, have " + present, e.getMessage());
    }

    /** Same input, same shards, from another instance too; the data shards are the length header and the value. */
    @Property(tries = 200, seed = "20")
    void encodingIsDeterministicAndSystematic(@ForAll @IntRange(min = 1, max = 6) int d,
            @ForAll @IntRange(min = 0, max = 4) int p, @ForAll("values") byte[] value) {
        byte[] copy = value.clone();
        byte[][] once = ReedSolomon.of(d, p).encode(value);
        byte[][] again = ReedSolomon.of(d, p).encode(copy);
        assertArrayEquals(value, copy, "encode leaves its input alone");
        for (int i = 0; i < once.length; i++) {
            assertArrayEquals(once[i], again[i], "shard " + i);
        }
        byte[] data = new byte[d * once[0].length];
        for (int i = 0; i < d; i++) {
            System.arraycopy(once[i], 0, data, i * once[0].length, once[0].length);
        }
        assertEquals(value.length, (data[0] & 0xFF) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | data[3] & 0xFF);
        assertArrayEquals(value, Arrays.copyOfRange(data, 4, 4 + value.length));
    }

    /**
     * A flipped byte in a present data shard always changes the outcome (a different value or a
     * refused header): every present data shard is read. RS here decodes erasures, not errors,
     * so that is all it promises: a checksum must catch the corruption.
     */
    @Property(tries = 400, seed = "21")
    void aFlippedByteInAPresentDataShardChangesTheOutput(@ForAll @IntRange(min = 1, max = 6) int d,
            @ForAll @IntRange(min = 0, max = 4) int p, @ForAll("values") byte[] value, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.of(d, p);
        Prng prng = new Prng(seed ^ 0x5EED);
        int victim = prng.nextInt(d);
        long mask = subset(d + p, d, seed) | 1L << victim;
        byte[][] kept = ReedSolomonTest.keep(rs.encode(value), mask);
        kept[victim] = kept[victim].clone();
        kept[victim][prng.nextInt(kept[victim].length)] ^= (byte) (1 + prng.nextInt(255));
        byte[] decoded;
        try {
            decoded = rs.decode(kept);
        } catch (IllegalArgumentException refused) {
            assertFalse(refused.getMessage().startsWith("need"), refused.getMessage());
            return;
        }
        assertFalse(Arrays.equals(value, decoded), "the flip went unnoticed in the output");
    }

    /** The same for a parity shard the decoder reads (one of the first d present); a shard it skips is not checked. */
    @Property(tries = 300, seed = "22")
    void aFlippedByteInAReadParityShardChangesTheOutputAndInASkippedOneDoesNot(
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 4) int p,
            @ForAll("values") byte[] value, @ForAll long seed) {
        ReedSolomon rs = ReedSolomon.of(d, p);
        Prng prng = new Prng(seed);
        byte[][] shards = rs.encode(value);
        int missing = prng.nextInt(d);
        byte[][] read = ReedSolomonTest.keep(shards, ((1L << (d + 1)) - 1) & ~(1L << missing));
        read[d] = flipped(read[d], prng);
        assertFalse(decodesTo(rs, read, value), "parity shard " + d + " is read in place of data shard " + missing);
        byte[][] skipped = shards.clone();
        skipped[d] = flipped(shards[d], prng);
        assertArrayEquals(value, rs.decode(skipped), "all data shards present: parity is not read");
    }

    private static byte[] flipped(byte[] shard, Prng prng) {
        byte[] copy = shard.clone();
        copy[prng.nextInt(copy.length)] ^= (byte) (1 + prng.nextInt(255));
        return copy;
    }

    private static boolean decodesTo(ReedSolomon rs, byte[][] shards, byte[] value) {
        try {
            return Arrays.equals(value, rs.decode(shards));
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }
}
