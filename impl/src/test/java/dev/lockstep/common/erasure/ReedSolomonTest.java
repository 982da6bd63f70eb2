package dev.lockstep.common.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Prng;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Exhaustive small cases, the edges of the parameter range, the refusals and the pinned format. */
class ReedSolomonTest {

    static byte[] value(int size, long seed) {
        Prng prng = new Prng(seed);
        byte[] v = new byte[size];
        for (int k = 0; k < size; k++) {
            v[k] = (byte) prng.nextLong();
        }
        return v;
    }

    /** The shards whose bit is set in {@code mask}, the others null. */
    static byte[][] keep(byte[][] shards, long mask) {
        byte[][] kept = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            kept[i] = (mask >>> i & 1) != 0 ? shards[i] : null;
        }
        return kept;
    }

    /** For d <= 6 and p <= 4, every size up to 3d + 5: all d-subsets decode, all (d-1)-subsets are refused. */
    @Test
    void everySubsetOfDShardsReconstructsAndNoSmallerOneDoes() {
        for (int d = 1; d <= 6; d++) {
            for (int p = 0; p <= 4; p++) {
                ReedSolomon rs = ReedSolomon.of(d, p);
                int n = d + p;
                for (int size = 0; size <= 3 * d + 5; size++) {
                    byte[] v = value(size, 31L * size + d);
                    byte[][] shards = rs.encode(v);
                    assertEquals(n, shards.length);
                    for (byte[] s : shards) {
                        assertEquals(rs.shardLength(size), s.length);
                    }
                    for (long mask = 0; mask < 1L << n; mask++) {
                        int present = Long.bitCount(mask);
                        byte[][] kept = keep(shards, mask);
                        if (present >= d) {
                            assertArrayEquals(v, rs.decode(kept), rs + ", size " + size + ", mask " + mask);
                        } else if (present == d - 1) {
                            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rs.decode(kept));
                            assertEquals("need " + d + " shards, have " + present, e.getMessage());
                        }
                    }
                }
            }
        }
    }

    @Test
    void tenPlusFourReconstructsFromEveryTenOfItsShards() {
        ReedSolomon rs = ReedSolomon.of(10, 4);
        byte[] v = value(4093, 5);
        byte[][] shards = rs.encode(v);
        int subsets = 0;
        for (long mask = 0; mask < 1L << 14; mask++) {
            if (Long.bitCount(mask) == 10) {
                assertArrayEquals(v, rs.decode(keep(shards, mask)), "mask " + mask);
                subsets++;
            }
        }
        assertEquals(1001, subsets);
    }

    @Test
    void theExtremesOfTheParameterRangeWork() {
        for (int[] dp : new int[][] {{1, 254}, {254, 1}, {255, 0}, {128, 127}}) {
            ReedSolomon rs = ReedSolomon.of(dp[0], dp[1]);
            Prng prng = new Prng(dp[0]);
            for (int size : new int[] {0, 1, 1000}) {
                byte[] v = value(size, size);
                byte[][] shards = rs.encode(v);
                for (int round = 0; round < 3; round++) {
                    byte[][] kept = shards.clone();
                    for (int dropped = 0; dropped < dp[1]; ) {
                        int i = prng.nextInt(kept.length);
                        if (kept[i] != null) {
                            kept[i] = null;
                            dropped++;
                        }
                    }
                    assertArrayEquals(v, rs.decode(kept), rs + ", size " + size);
                }
            }
        }
    }

    @Test
    void parametersOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.of(0, 2));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.of(2, -1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.of(200, 56));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.of(3, 2).shardLength(-1));
        assertThrows(IllegalArgumentException.class, () -> ReedSolomon.of(3, 2).shardLength(Integer.MAX_VALUE - 4));
    }

    @Test
    void malformedShardSetsAreRefusedWithAClearMessage() {
        ReedSolomon rs = ReedSolomon.of(3, 2);
        byte[][] shards = rs.encode(value(100, 1));
        assertMessage("expected 5 shard slots, got 4", () -> rs.decode(Arrays.copyOf(shards, 4)));
        byte[][] uneven = shards.clone();
        uneven[3] = Arrays.copyOf(uneven[3], 36);
        assertMessage("shard 3 has 36 bytes but shard 0 has 35", () -> rs.decode(uneven));
        assertMessage("need 3 shards, have 0", () -> rs.decode(new byte[5][]));
        assertMessage("shards of 1 bytes cannot hold the 4-byte length header",
                () -> rs.decode(new byte[][] {new byte[1], new byte[1], null, new byte[1], null}));
    }

    @Test
    void inconsistentHeadersAndPaddingAreRefused() {
        ReedSolomon rs = ReedSolomon.of(3, 2);
        byte[][] shards = rs.encode(value(100, 1));
        byte[][] longer = shards.clone();
        longer[0] = shards[0].clone();
        longer[0][3] = (byte) 103;
        assertMessage("corrupt shards: length header 103 does not fit 3 data shards of 35 bytes", () -> rs.decode(longer));
        longer[0][0] = (byte) 0x80;
        assertMessage("corrupt shards: length header 2147483751 does not fit 3 data shards of 35 bytes",
                () -> rs.decode(longer));
        byte[][] shorter = shards.clone();
        shorter[0] = shards[0].clone();
        shorter[0][3] = (byte) 99;
        assertMessage("corrupt shards: nonzero padding at byte 103", () -> rs.decode(shorter));
    }

    /** The shards are a storage format: this pins the layout and the Cauchy matrix. */
    @Test
    void theFormatIsPinned() {
        ReedSolomon rs = ReedSolomon.of(3, 2);
        byte[][] shards = rs.encode("lockstep!".getBytes(StandardCharsets.US_ASCII));
        HexFormat hex = HexFormat.of();
        assertEquals("000000096c", hex.formatHex(shards[0]));
        assertEquals("6f636b7374", hex.formatHex(shards[1]));
        assertEquals("6570210000", hex.formatHex(shards[2]));
        // parity row r is the sum over c of inv((3 + r) xor c) * data shard c, computed once
        // independently with a bit-by-bit multiply
        assertEquals("dccf9ab01e", hex.formatHex(shards[3]));
        assertEquals("77fccff8f4", hex.formatHex(shards[4]));
        assertArrayEquals(new byte[0], ReedSolomon.of(2, 1).decode(ReedSolomon.of(2, 1).encode(new byte[0])));
        assertEquals(2, ReedSolomon.of(2, 1).encode(new byte[0])[2].length);
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
