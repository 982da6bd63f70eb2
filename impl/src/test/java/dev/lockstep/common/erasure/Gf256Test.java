package dev.lockstep.common.erasure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Prng;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The field axioms of GF(2^8) on every element, and the tables against a slow reference multiply. */
class Gf256Test {

    /** Shift-and-add carry-less multiply, reducing by the polynomial whenever x^8 appears. */
    private static int slowMul(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= Gf256.POLYNOMIAL;
            }
            b >>>= 1;
        }
        return product;
    }

    @Test
    void theTableMatchesTheReferenceMultiplyOnAllPairs() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                assertEquals(slowMul(a, b), Gf256.mul(a, b), a + " * " + b);
            }
        }
    }

    @Test
    void twoGeneratesEveryNonzeroElementAndLogInvertsExp() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 255; i++) {
            seen.add(Gf256.exp(i));
            assertEquals(i, Gf256.log(Gf256.exp(i)));
        }
        assertEquals(255, seen.size());
        assertEquals(1, slowMul(Gf256.exp(254), 2), "2^255 = 1");
        assertThrows(ArithmeticException.class, () -> Gf256.log(0));
    }

    @Test
    void everyNonzeroElementHasAnInverse() {
        for (int a = 1; a < 256; a++) {
            assertEquals(1, Gf256.mul(a, Gf256.inv(a)), "a * inv(a) for a = " + a);
            assertEquals(a, Gf256.inv(Gf256.inv(a)));
            for (int b = 0; b < 256; b++) {
                assertEquals(b, Gf256.mul(Gf256.div(b, a), a), b + " / " + a + " * " + a);
            }
        }
        assertThrows(ArithmeticException.class, () -> Gf256.inv(0));
    }

    @Test
    void identitiesCommutativityAndZero() {
        for (int a = 0; a < 256; a++) {
            assertEquals(a, Gf256.mul(a, 1));
            assertEquals(0, Gf256.mul(a, 0));
            assertEquals(0, Gf256.add(a, a), "every element is its own negative");
            for (int b = 0; b < 256; b++) {
                assertEquals(Gf256.mul(a, b), Gf256.mul(b, a));
            }
        }
    }

    @Test
    void associativityAndDistributivityOnAllTriples() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                int ab = Gf256.mul(a, b);
                for (int c = 0; c < 256; c++) {
                    if (Gf256.mul(ab, c) != Gf256.mul(a, Gf256.mul(b, c))) {
                        assertEquals(Gf256.mul(ab, c), Gf256.mul(a, Gf256.mul(b, c)), "(a b) c, " + a + " " + b + " " + c);
                    }
                    if (Gf256.mul(a, b ^ c) != (ab ^ Gf256.mul(a, c))) {
                        assertEquals(ab ^ Gf256.mul(a, c), Gf256.mul(a, b ^ c), "a (b + c), " + a + " " + b + " " + c);
                    }
                }
            }
        }
    }

    @Test
    void mulRowAppliesOneCoefficientToEveryByte() {
        byte[] in = new byte[300];
        for (int k = 0; k < in.length; k++) {
            in[k] = (byte) (k * 7 + 3);
        }
        for (int c : new int[] {0, 1, 2, 0x53, 0xFF}) {
            byte[] out = new byte[310];
            Gf256.mulRow(c, in, 0, out, 5, in.length, false);
            byte[] acc = out.clone();
            Gf256.mulRow(c, in, 0, acc, 5, in.length, true);
            for (int k = 0; k < in.length; k++) {
                assertEquals(slowMul(c, in[k] & 0xFF), out[5 + k] & 0xFF, "c = " + c + ", k = " + k);
                assertEquals(0, acc[5 + k], "x + x = 0");
            }
            assertEquals(0, out[0]);
            assertEquals(0, out[309]);
        }
    }

    @Test
    void gaussJordanInvertsAndRefusesSingularMatrices() {
        Prng prng = new Prng(3);
        int inverted = 0;
        for (int round = 0; round < 200; round++) {
            int n = 1 + prng.nextInt(8);
            int[][] m = new int[n][n];
            for (int[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = prng.nextInt(256);
                }
            }
            try {
                int[][] inverse = GfMatrix.invert(m);
                assertArrayEquals(GfMatrix.identity(n), GfMatrix.multiply(m, inverse));
                assertArrayEquals(GfMatrix.identity(n), GfMatrix.multiply(inverse, m));
                inverted++;
            } catch (ArithmeticException singular) {
                m[0] = m[n - 1].clone();
                assertThrows(ArithmeticException.class, () -> GfMatrix.invert(m));
            }
        }
        assertTrue(inverted > 150, inverted + " of 200 random matrices were invertible");
        assertThrows(ArithmeticException.class, () -> GfMatrix.invert(new int[][] {{1, 2}, {2, 4}}));
    }

    /** Every square submatrix of the Cauchy matrix is invertible: checked for all 1x1 and 2x2 ones. */
    @Test
    void cauchyMinorsAreNonsingular() {
        int[][] c = GfMatrix.cauchy(10, 6);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 10; j++) {
                assertTrue(c[i][j] != 0);
                for (int i2 = i + 1; i2 < 6; i2++) {
                    for (int j2 = j + 1; j2 < 10; j2++) {
                        int det = Gf256.mul(c[i][j], c[i2][j2]) ^ Gf256.mul(c[i][j2], c[i2][j]);
                        assertTrue(det != 0, "minor rows " + i + "," + i2 + " cols " + j + "," + j2);
                    }
                }
            }
        }
    }
}
