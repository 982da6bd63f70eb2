package dev.lockstep.base;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string with value equality: keys and values of the store (binary-safe).
 * The hash is computed on first use and cached (as {@link String} does: a benign race, every
 * thread computes the same value), since most values are never hashed.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;
    private int hash;
    private boolean hashIsZero;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies {@code data}. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Takes ownership of {@code data}: the caller must not modify it afterwards. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public int length() {
        return data.length;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The content without copying; callers must not modify it. */
    public byte[] unsafeArray() {
        return data;
    }

    public String utf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && (o == this || Arrays.equals(data, b.data));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && !hashIsZero) {
            h = Arrays.hashCode(data);
            if (h == 0) {
                hashIsZero = true;
            } else {
                hash = h;
            }
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return utf8();
    }
}
