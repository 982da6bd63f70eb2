package dev.lockstep.common.erasure;

/**
 * Small dense matrices over {@link Gf256}, as {@code int[rows][cols]} with entries in
 * {@code [0, 256)}: the Cauchy coding matrix and the Gauss-Jordan inverse the decoder needs.
 * Every method returns a fresh array and leaves its arguments alone.
 */
final class GfMatrix {
    private GfMatrix() {}

    /**
     * The {@code parity x data} Cauchy matrix {@code C[i][j] = 1 / (x_i + y_j)} with
     * {@code x_i = data + i} and {@code y_j = j}. The {@code data + parity} points are distinct
     * elements of GF(2^8) (so {@code x_i + y_j}, their XOR, is never 0) and every square
     * submatrix of a Cauchy matrix is nonsingular, so stacking it under the identity gives a
     * generator matrix any {@code data} rows of which are invertible: the code is MDS. See
     * J. Bloemer et al., "An XOR-Based Erasure-Resilient Coding Scheme", ICSI TR-95-048, 1995,
     * and Plank and Xu, "Optimizing Cauchy Reed-Solomon Codes", NCA 2006.
     */
    static int[][] cauchy(int data, int parity) {
        if (data + parity > 256) {
            throw new IllegalArgumentException("GF(2^8) has only 256 distinct points, need " + (data + parity));
        }
        int[][] c = new int[parity][data];
        for (int i = 0; i < parity; i++) {
            for (int j = 0; j < data; j++) {
                c[i][j] = Gf256.inv(Gf256.add(data + i, j));
            }
        }
        return c;
    }

    /** The product {@code a * b}; {@code a}'s column count must equal {@code b}'s row count. */
    static int[][] multiply(int[][] a, int[][] b) {
        int n = a.length;
        int inner = b.length;
        int m = inner == 0 ? 0 : b[0].length;
        int[][] out = new int[n][m];
        for (int i = 0; i < n; i++) {
            if (a[i].length != inner) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " columns, need " + inner);
            }
            for (int k = 0; k < inner; k++) {
                int aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] ^= Gf256.mul(aik, b[k][j]);
                }
            }
        }
        return out;
    }

    /** The {@code n x n} identity. */
    static int[][] identity(int n) {
        int[][] id = new int[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    /**
     * The inverse of a square matrix by Gauss-Jordan elimination: reduce {@code [m | I]} to
     * {@code [I | m^-1]} with row swaps, row scaling and row subtraction, all over GF(2^8).
     *
     * @throws ArithmeticException if {@code m} is singular
     */
    static int[][] invert(int[][] m) {
        int n = m.length;
        int[][] work = new int[n][2 * n];
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("not square: row " + i + " has " + m[i].length + " columns, need " + n);
            }
            System.arraycopy(m[i], 0, work[i], 0, n);
            work[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new ArithmeticException("singular matrix (no pivot in column " + col + ")");
            }
            int[] swap = work[pivot];
            work[pivot] = work[col];
            work[col] = swap;
            int scale = Gf256.inv(work[col][col]);
            for (int j = 0; j < 2 * n; j++) {
                work[col][j] = Gf256.mul(scale, work[col][j]);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col];
                if (r != col && factor != 0) {
                    for (int j = 0; j < 2 * n; j++) {
                        work[r][j] ^= Gf256.mul(factor, work[col][j]);
                    }
                }
            }
        }
        int[][] inverse = new int[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(work[i], n, inverse[i], 0, n);
        }
        return inverse;
    }
}
