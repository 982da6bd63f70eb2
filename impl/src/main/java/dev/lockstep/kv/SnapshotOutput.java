package dev.lockstep.kv;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable in-memory output for snapshot encoding. Unlike {@link java.io.ByteArrayOutputStream}
 * its writes are not synchronized: a snapshot is written by one thread, byte by byte through a
 * {@link java.io.DataOutputStream}, and the lock on every byte showed in profiles
 * (docs/benchmarks.md).
 */
final class SnapshotOutput extends OutputStream {
    private byte[] buf;
    private int size;

    SnapshotOutput(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (more > buf.length - size) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("snapshot larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
