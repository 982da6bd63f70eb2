package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of a small collection (Redis's listpack, in spirit): its items packed in one
 * byte array, each as a varint length and its bytes. A small hash or sorted set costs one array
 * instead of an object per field; a change rewrites the array, which is cheap for the sizes a
 * collection stays packed at ({@link #MAX_ITEMS}, {@link #MAX_ITEM_BYTES}, Redis's defaults).
 */
final class Packed {
    /** Most items (a hash field and its value are two) a packed collection holds. */
    static final int MAX_ITEMS = 256;
    /** Longest item a packed collection holds. */
    static final int MAX_ITEM_BYTES = 64;
    static final byte[] EMPTY = new byte[0];

    private Packed() {}

    /** True when {@code item} may live in a packed collection. */
    static boolean fits(Bytes item) {
        return item.length() <= MAX_ITEM_BYTES;
    }

    static byte[] pack(List<Bytes> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 10);
        for (Bytes item : items) {
            int n = item.length();
            while (n >= 0x80) {
                out.write((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            out.write(n);
            out.write(item.unsafeArray(), 0, item.length());
        }
        return out.toByteArray();
    }

    static List<Bytes> unpack(byte[] packed) {
        List<Bytes> items = new ArrayList<>();
        int at = 0;
        while (at < packed.length) {
            int n = 0;
            int shift = 0;
            int b;
            do {
                b = packed[at++] & 0xFF;
                n |= (b & 0x7F) << shift;
                shift += 7;
            } while (b >= 0x80);
            byte[] item = new byte[n];
            System.arraycopy(packed, at, item, 0, n);
            items.add(Bytes.wrap(item));
            at += n;
        }
        return items;
    }

    static Bytes score(double d) {
        long bits = Double.doubleToRawLongBits(d);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (bits >>> (56 - 8 * i));
        }
        return Bytes.wrap(b);
    }

    static double score(Bytes b) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (b.unsafeArray()[i] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }
}
