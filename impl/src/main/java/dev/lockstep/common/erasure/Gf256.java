package dev.lockstep.common.erasure;

/**
 * Arithmetic in the finite field GF(2^8): bytes as polynomials over GF(2) of degree below 8,
 * reduced modulo the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 ({@code 0x11D}, the one of
 * Plank's tutorial, ISA-L and most storage codes). Addition and subtraction are XOR. Because the
 * polynomial is primitive, the element {@code 2} (the polynomial x) generates the 255 nonzero
 * elements, so {@code a * b = exp(log a + log b)}; the log/exp tables are built from that and
 * the full 256 x 256 product table from them. Every table is computed once at class load, never
 * written afterwards, and the same on every JVM.
 *
 * <p>See J. S. Plank, "A Tutorial on Reed-Solomon Coding for Fault-Tolerance in RAID-like
 * Systems", Software: Practice and Experience 27(9), 1997, section 2.
 */
final class Gf256 {
    /** The primitive polynomial, with its x^8 term. */
    static final int POLYNOMIAL = 0x11D;

    /** {@code EXP[i] = 2^i} for {@code i} in {@code [0, 510)}: twice the period, so a sum of two logs needs no mod. */
    private static final byte[] EXP = new byte[510];
    /** {@code LOG[a]} for nonzero {@code a}, in {@code [0, 255)}; {@code LOG[0]} is unused. */
    private static final int[] LOG = new int[256];
    /** {@code PRODUCTS[a]} is row a of the multiplication table: {@code PRODUCTS[a][b] = a * b}. */
    private static final byte[][] PRODUCTS = new byte[256][256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = (byte) x;
            EXP[i + 255] = (byte) x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= POLYNOMIAL;
            }
        }
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                PRODUCTS[a][b] = EXP[LOG[a] + LOG[b]];
            }
        }
    }

    private Gf256() {}

    /** The sum (and difference) of two field elements. */
    static int add(int a, int b) {
        return (a ^ b) & 0xFF;
    }

    /** The product of two field elements (each in {@code [0, 256)}). */
    static int mul(int a, int b) {
        return PRODUCTS[a][b] & 0xFF;
    }

    /** The multiplicative inverse {@code 2^(255 - log a)} of a nonzero element. */
    static int inv(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return EXP[255 - LOG[a]] & 0xFF;
    }

    /** {@code a / b} for nonzero {@code b}. */
    static int div(int a, int b) {
        return mul(a, inv(b));
    }

    /** {@code 2^i}, for {@code i} in {@code [0, 255)}. */
    static int exp(int i) {
        return EXP[i] & 0xFF;
    }

    /** The discrete log base 2 of a nonzero element, in {@code [0, 255)}. */
    static int log(int a) {
        if (a == 0) {
            throw new ArithmeticException("log of 0");
        }
        return LOG[a];
    }

    /**
     * {@code out[k] = c * in[k]} ({@code accumulate} false) or {@code out[k] ^= c * in[k]}
     * (true) for {@code k} in {@code [0, length)}: one coefficient of a matrix-vector product
     * applied to a whole shard. A 256-entry row of products makes each byte one table load.
     */
    static void mulRow(int c, byte[] in, int inOffset, byte[] out, int outOffset, int length, boolean accumulate) {
        if (c == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(out, outOffset, outOffset + length, (byte) 0);
            }
            return;
        }
        if (c == 1) {
            if (accumulate) {
                for (int k = 0; k < length; k++) {
                    out[outOffset + k] ^= in[inOffset + k];
                }
            } else {
                System.arraycopy(in, inOffset, out, outOffset, length);
            }
            return;
        }
        byte[] row = PRODUCTS[c];
        if (accumulate) {
            for (int k = 0; k < length; k++) {
                out[outOffset + k] ^= row[in[inOffset + k] & 0xFF];
            }
        } else {
            for (int k = 0; k < length; k++) {
                out[outOffset + k] = row[in[inOffset + k] & 0xFF];
            }
        }
    }
}
