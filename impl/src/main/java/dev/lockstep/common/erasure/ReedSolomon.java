package dev.lockstep.common.erasure;

import java.util.Arrays;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8) (bytes as polynomials modulo
 * x^8 + x^4 + x^3 + x^2 + 1, see {@code Gf256}): a value is cut into {@code d} data shards,
 * {@code p} parity shards are computed from them, and any {@code d} of the {@code n = d + p}
 * shards give the value back. RSPaxos and CRaft store one of them per replica.
 *
 * <p><b>The code.</b> Shard {@code i} is row {@code i} of the generator matrix {@code G} times
 * the column of data shards, byte position by byte position. {@code G} is the {@code d x d}
 * identity (so the data shards are the value itself: the code is systematic) over the
 * {@code p x d} Cauchy matrix {@code C[i][j] = 1 / ((d + i) + j)}, sums being XOR (see
 * {@code GfMatrix.cauchy}). Every {@code d x d} submatrix of {@code G} is invertible (the code
 * is MDS), so from any {@code d} shards with rows {@code R} the data is {@code G[R]^-1} times
 * those shards. See Plank's RS tutorial (cited in {@code Gf256}) and Plank and Xu,
 * "Optimizing Cauchy Reed-Solomon Codes for Fault-Tolerant Network Storage Applications"
 * (NCA 2006).
 *
 * <p><b>The layout.</b> The value is prefixed with its length as 4 bytes big-endian, padded
 * with zeros to a multiple of {@code d} and cut into {@code d} consecutive pieces of
 * {@code ceil((length + 4) / d)} bytes ({@link #shardLength}); all {@code n} shards have that
 * length, so even an empty value has non-empty shards. The length travels inside the data,
 * so a decoder needs nothing but the shards. This layout and the matrix are a storage format:
 * shards are persisted, so changing either needs a new format version.
 *
 * <p><b>Erasures, not errors.</b> A shard is either present and correct or missing
 * ({@code null}): the decoder does not detect or correct wrong bytes. It reads the first
 * {@code d} present shards and ignores the rest; a corrupt shard among those it reads gives a
 * wrong value, or an exception when the length header or the zero padding comes out
 * inconsistent. Detecting corruption (a checksum per shard or per value) is the caller's job.
 *
 * <p>Instances are immutable and thread-safe, and encoding is a pure function of
 * {@code (d, p, value)}: no randomness, no I/O, no global mutable state.
 */
public final class ReedSolomon {
    /** Bytes of the big-endian length prefix in front of the value. */
    public static final int HEADER_BYTES = 4;
    /** The most shards a code over GF(2^8) may have here. */
    public static final int MAX_SHARDS = 255;

    private final int dataShards;
    private final int parityShards;
    /** The {@code p x d} lower part of the generator matrix; never written after construction. */
    private final int[][] parity;

    private ReedSolomon(int dataShards, int parityShards) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.parity = GfMatrix.cauchy(dataShards, parityShards);
    }

    /**
     * The code with {@code dataShards} data and {@code parityShards} parity shards:
     * {@code dataShards >= 1}, {@code parityShards >= 0}, together at most {@value #MAX_SHARDS}.
     */
    public static ReedSolomon of(int dataShards, int parityShards) {
        if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > MAX_SHARDS) {
            throw new IllegalArgumentException("need 1 <= data shards and 0 <= parity shards with data + parity <= "
                    + MAX_SHARDS + ", got " + dataShards + " + " + parityShards);
        }
        return new ReedSolomon(dataShards, parityShards);
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** The length of each shard of a value of {@code valueLength} bytes: {@code ceil((valueLength + 4) / d)}. */
    public int shardLength(int valueLength) {
        if (valueLength < 0) {
            throw new IllegalArgumentException("negative value length " + valueLength);
        }
        long total = (long) valueLength + HEADER_BYTES;
        long shard = (total + dataShards - 1) / dataShards;
        if (shard * dataShards > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("value of " + valueLength + " bytes is too large to encode");
        }
        return (int) shard;
    }

    /**
     * The {@code d + p} shards of {@code value}, each of {@link #shardLength} bytes: shards
     * {@code 0..d-1} hold the length header, the value and zero padding, shards {@code d..} the
     * parity. Fresh arrays, owned by the caller.
     */
    public byte[][] encode(byte[] value) {
        int length = shardLength(value.length);
        byte[][] shards = new byte[totalShards()][length];
        byte[] header = {(byte) (value.length >>> 24), (byte) (value.length >>> 16), (byte) (value.length >>> 8),
                (byte) value.length};
        scatter(header, 0, shards, length);
        scatter(value, HEADER_BYTES, shards, length);
        for (int r = 0; r < parityShards; r++) {
            byte[] out = shards[dataShards + r];
            for (int c = 0; c < dataShards; c++) {
                Gf256.mulRow(parity[r][c], shards[c], 0, out, 0, length, c > 0);
            }
        }
        return shards;
    }

    /**
     * The value whose shards these are. {@code shards} has one slot per shard, in shard order,
     * {@code null} where a shard is missing; it is not modified. The first {@code d} present
     * shards are read and the others ignored (see the class comment: no corruption check).
     *
     * @throws IllegalArgumentException if there are not {@code d + p} slots, fewer than
     *     {@code d} shards are present, present shards differ in length, or the length header
     *     or padding they decode to is inconsistent
     */
    public byte[] decode(byte[][] shards) {
        int total = totalShards();
        if (shards.length != total) {
            throw new IllegalArgumentException("expected " + total + " shard slots, got " + shards.length);
        }
        int[] rows = new int[dataShards];
        int present = 0;
        int length = -1;
        int first = -1;
        for (int i = 0; i < total; i++) {
            if (shards[i] == null) {
                continue;
            }
            if (length < 0) {
                length = shards[i].length;
                first = i;
            } else if (shards[i].length != length) {
                throw new IllegalArgumentException("shard " + i + " has " + shards[i].length + " bytes but shard "
                        + first + " has " + length);
            }
            if (present < dataShards) {
                rows[present] = i;
            }
            present++;
        }
        if (present < dataShards) {
            throw new IllegalArgumentException("need " + dataShards + " shards, have " + present);
        }
        if ((long) length * dataShards < HEADER_BYTES) {
            throw new IllegalArgumentException("shards of " + length + " bytes cannot hold the " + HEADER_BYTES
                    + "-byte length header");
        }
        byte[][] data = Arrays.copyOf(shards, dataShards);
        if (rows[dataShards - 1] >= dataShards) {
            reconstructData(shards, rows, data, length);
        }
        return unpack(data, length);
    }

    /** Fills the missing entries of {@code data} from the shards at {@code rows} (the first d present). */
    private void reconstructData(byte[][] shards, int[] rows, byte[][] data, int length) {
        int[][] chosen = new int[dataShards][];
        for (int k = 0; k < dataShards; k++) {
            chosen[k] = generatorRow(rows[k]);
        }
        int[][] inverse = GfMatrix.invert(chosen);
        for (int j = 0; j < dataShards; j++) {
            if (data[j] != null) {
                continue;
            }
            byte[] out = new byte[length];
            for (int k = 0; k < dataShards; k++) {
                Gf256.mulRow(inverse[j][k], shards[rows[k]], 0, out, 0, length, k > 0);
            }
            data[j] = out;
        }
    }

    /** Row {@code i} of the generator matrix: a unit row for a data shard, a Cauchy row for parity. */
    private int[] generatorRow(int i) {
        if (i < dataShards) {
            int[] unit = new int[dataShards];
            unit[i] = 1;
            return unit;
        }
        return parity[i - dataShards];
    }

    /** Checks the header and the padding of the concatenated data shards and returns the value. */
    private byte[] unpack(byte[][] data, int length) {
        int valueLength = 0;
        for (int pos = 0; pos < HEADER_BYTES; pos++) {
            valueLength = (valueLength << 8) | (data[pos / length][pos % length] & 0xFF);
        }
        long capacity = (long) length * dataShards;
        if (valueLength < 0 || (valueLength + (long) HEADER_BYTES + dataShards - 1) / dataShards != length) {
            throw new IllegalArgumentException("corrupt shards: length header " + Integer.toUnsignedString(valueLength)
                    + " does not fit " + dataShards + " data shards of " + length + " bytes");
        }
        for (long pos = HEADER_BYTES + (long) valueLength; pos < capacity; pos++) {
            if (data[(int) (pos / length)][(int) (pos % length)] != 0) {
                throw new IllegalArgumentException("corrupt shards: nonzero padding at byte " + pos);
            }
        }
        byte[] value = new byte[valueLength];
        int done = 0;
        int pos = HEADER_BYTES;
        while (done < valueLength) {
            int shard = pos / length;
            int offset = pos % length;
            int n = Math.min(length - offset, valueLength - done);
            System.arraycopy(data[shard], offset, value, done, n);
            done += n;
            pos += n;
        }
        return value;
    }

    /** Copies {@code bytes} to the data shards from byte {@code start} of their concatenation on. */
    private static void scatter(byte[] bytes, int start, byte[][] shards, int length) {
        int done = 0;
        int pos = start;
        while (done < bytes.length) {
            int shard = pos / length;
            int offset = pos % length;
            int n = Math.min(length - offset, bytes.length - done);
            System.arraycopy(bytes, done, shards[shard], offset, n);
            done += n;
            pos += n;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReedSolomon other && other.dataShards == dataShards && other.parityShards == parityShards;
    }

    @Override
    public int hashCode() {
        return 31 * dataShards + parityShards;
    }

    @Override
    public String toString() {
        return "ReedSolomon(" + dataShards + " data, " + parityShards + " parity)";
    }
}
