package dev.lockstep.base;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import java.util.Arrays;

/**
 * Binary primitives of the protocol codecs and the KV command codec: unsigned LEB128 varints for non-negative numbers,
 * zig-zag varints for signed ones, length-prefixed byte strings. The reader checks every length
 * against the bytes left and reports malformed input as {@link CodecException}.
 */
public final class Wire {
    private Wire() {}

    /** A growable output buffer. */
    public static final class Writer {
        private byte[] buf;
        private int size;

        public Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        public void u8(int value) {
            ensure(1);
            buf[size++] = (byte) value;
        }

        public void bool(boolean value) {
            u8(value ? 1 : 0);
        }

        /** A non-negative number as an unsigned varint. */
        public void uvar(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative value " + value + " where a count or index is expected");
            }
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                buf[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buf[size++] = (byte) value;
        }

        /** Any long, zig-zag encoded. */
        public void svar(long value) {
            long zigzag = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((zigzag & ~0x7FL) != 0) {
                buf[size++] = (byte) ((zigzag & 0x7F) | 0x80);
                zigzag >>>= 7;
            }
            buf[size++] = (byte) zigzag;
        }

        public void bytes(Bytes b) {
            byte[] data = b.unsafeArray();
            uvar(data.length);
            ensure(data.length);
            System.arraycopy(data, 0, buf, size, data.length);
            size += data.length;
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }

    /** A bounds-checked reader over one encoded value. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;

        public Reader(byte[] buf) {
            this.buf = buf;
        }

        public int u8() throws CodecException {
            if (pos >= buf.length) {
                throw new CodecException("truncated: expected a byte at offset " + pos);
            }
            return buf[pos++] & 0xFF;
        }

        public boolean bool() throws CodecException {
            int b = u8();
            if (b > 1) {
                throw new CodecException("bad boolean " + b + " at offset " + (pos - 1));
            }
            return b == 1;
        }

        public long uvar() throws CodecException {
            long raw = rawVarint();
            if (raw < 0) {
                throw new CodecException("number out of range at offset " + pos);
            }
            return raw;
        }

        public long svar() throws CodecException {
            long raw = rawVarint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** A count of elements that each take at least one byte: never more than the bytes left. */
        public int count() throws CodecException {
            long n = uvar();
            if (n > buf.length - pos) {
                throw new CodecException("count " + n + " exceeds the " + (buf.length - pos) + " bytes left");
            }
            return (int) n;
        }

        public Bytes bytes() throws CodecException {
            int n = count();
            Bytes b = Bytes.wrap(Arrays.copyOfRange(buf, pos, pos + n));
            pos += n;
            return b;
        }

        public void expectEnd() throws CodecException {
            if (pos != buf.length) {
                throw new CodecException((buf.length - pos) + " trailing bytes");
            }
        }

        private long rawVarint() throws CodecException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                if (shift == 63 && (b & 0x7E) != 0) {
                    throw new CodecException("varint overflows 64 bits at offset " + (pos - 1));
                }
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new CodecException("varint longer than 10 bytes at offset " + pos);
        }
    }
}
