package dev.lockstep.server.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a {@link SegmentedWal} segment, version 1. All integers big-endian.
 *
 * <pre>
 * segment = header record*
 * header  = magic:u32 ("LKWL") version:u32 baseSeq:u64 headerCrc:u32   (CRC32C of the first 16 bytes)
 * record  = length:u32 crc:u32 flags:u8 payload:byte[length]
 *           crc = CRC32C over length, flags and payload (everything but the crc field)
 * flags   = bit 0 CHECKPOINT: the payload is a checkpoint of the whole durable state
 *           bit 1 CONTINUED:  the next record belongs to the same atomic unit
 * </pre>
 *
 * A segment's file name and its header both carry the sequence number of its first record;
 * records are numbered consecutively across segments.
 */
final class WalFormat {

    static final int MAGIC = 0x4C4B574C;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 20;
    static final int FRAME_OVERHEAD = 9;
    static final byte FLAG_CHECKPOINT = 1;
    static final byte FLAG_CONTINUED = 2;
    static final int KNOWN_FLAGS = FLAG_CHECKPOINT | FLAG_CONTINUED;

    private WalFormat() {}

    /** The 20-byte header of a segment whose first record has sequence number {@code baseSeq}. */
    static ByteBuffer header(long baseSeq) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(VERSION).putLong(baseSeq);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, HEADER_BYTES - 4);
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    /**
     * Checks a header read from disk.
     *
     * @return null if it is a valid header for {@code expectedBase}, else why it is not
     */
    static String headerProblem(byte[] header, long expectedBase) {
        ByteBuffer in = ByteBuffer.wrap(header);
        int magic = in.getInt();
        int version = in.getInt();
        long base = in.getLong();
        int storedCrc = in.getInt();
        CRC32C crc = new CRC32C();
        crc.update(header, 0, HEADER_BYTES - 4);
        if (magic != MAGIC) {
            return "bad segment magic 0x" + Integer.toHexString(magic);
        }
        if ((int) crc.getValue() != storedCrc) {
            return "segment header checksum mismatch";
        }
        if (version != VERSION) {
            return "unsupported segment version " + version;
        }
        if (base != expectedBase) {
            return "header base seq " + base + " differs from file name seq " + expectedBase;
        }
        return null;
    }

    /** The CRC32C a record frame stores: over its length, flags and payload. */
    static int recordCrc(int length, byte flags, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(flags);
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    static int frameBytes(byte[] payload) {
        return FRAME_OVERHEAD + payload.length;
    }

    /** Writes one record frame into {@code out}, which must have room for it. */
    static void putFrame(ByteBuffer out, byte[] payload, byte flags) {
        out.putInt(payload.length)
                .putInt(recordCrc(payload.length, flags, payload))
                .put(flags)
                .put(payload);
    }
}
