package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical encoding of a {@link Keyspace} in snapshots: keys in byte order, each with its
 * type, expiry time, version and value; hash fields and set members in byte order, list
 * elements head first, sorted-set members in (score, member) order. Equal keyspaces give equal
 * bytes whatever order they were built in. Decoding checks every tag and length.
 */
public final class KeyspaceCodec {
    private KeyspaceCodec() {}

    public static void write(DataOutputStream out, Keyspace keyspace) throws IOException {
        List<KeyEntry> entries = new ArrayList<>(keyspace.size());
        keyspace.forEach(entries::add);
        entries.sort((a, b) -> a.key.compareTo(b.key));
        out.writeInt(entries.size());
        for (KeyEntry e : entries) {
            writeBytes(out, e.key);
            out.writeByte(e.type().ordinal());
            out.writeLong(e.expireAt);
            out.writeLong(e.version);
            writeValue(out, e.value);
        }
    }

    /** An upper estimate of the encoded size (so the snapshot buffer grows at most once). */
    public static long sizeHint(Keyspace keyspace) {
        long[] size = {16};
        keyspace.forEach(e -> size[0] += 32 + e.key.length() + valueSize(e.value));
        return size[0];
    }

    private static long valueSize(Object value) {
        return switch (value) {
            case Bytes b -> b.length() + 4;
            case RedisHash h -> h.entries().entrySet().stream()
                    .mapToLong(f -> 8 + f.getKey().length() + f.getValue().length()).sum() + 4;
            case RedisList l -> l.toList().stream().mapToLong(x -> 4 + x.length()).sum() + 4;
            case RedisSet s -> s.members().stream().mapToLong(x -> 4 + x.length()).sum() + 4;
            case RedisZSet z -> z.ordered().stream().mapToLong(x -> 12 + x.member().length()).sum() + 4;
            default -> 0;
        };
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case Bytes b -> writeBytes(out, b);
            case RedisHash h -> {
                out.writeInt(h.size());
                for (Map.Entry<Bytes, Bytes> f : h.entries().entrySet()) {
                    writeBytes(out, f.getKey());
                    writeBytes(out, f.getValue());
                }
            }
            case RedisList l -> {
                out.writeInt(l.size());
                for (Bytes item : l.toList()) {
                    writeBytes(out, item);
                }
            }
            case RedisSet s -> {
                out.writeInt(s.size());
                for (Bytes m : s.members()) {
                    writeBytes(out, m);
                }
            }
            case RedisZSet z -> {
                out.writeInt(z.size());
                for (RedisZSet.Scored m : z.ordered()) {
                    writeBytes(out, m.member());
                    out.writeDouble(m.score());
                }
            }
            default -> throw new IllegalArgumentException("not a stored value: " + value.getClass());
        }
    }

    /**
     * Reads {@link #write}'s encoding.
     *
     * @param limit the size of the whole input (no count or length may exceed it)
     * @throws IllegalArgumentException when the bytes are not a keyspace
     */
    public static Keyspace read(DataInputStream in, int limit) throws IOException {
        Keyspace keyspace = new Keyspace();
        int n = count(in.readInt(), limit);
        Bytes previous = null;
        for (int i = 0; i < n; i++) {
            Bytes key = readBytes(in, limit);
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new IllegalArgumentException("keys out of order in snapshot");
            }
            previous = key;
            int tag = in.readUnsignedByte();
            if (tag >= ValueType.values().length) {
                throw new IllegalArgumentException("unknown value type " + tag + " in snapshot");
            }
            long expireAt = in.readLong();
            long version = in.readLong();
            Object value = readValue(in, limit, ValueType.values()[tag]);
            if (Db.isEmptyCollection(value)) {
                throw new IllegalArgumentException("empty collection under a key in snapshot");
            }
            KeyEntry e = keyspace.getOrAdd(key, value);
            keyspace.setExpireAt(e, expireAt);
            e.version = version;
        }
        return keyspace;
    }

    /** A keyspace of plain strings (snapshots from before value types): no expiry, version 1. */
    public static KeyEntry addString(Keyspace keyspace, Bytes key, Bytes value) {
        KeyEntry e = keyspace.getOrAdd(key, value);
        e.version = 1;
        return e;
    }

    private static Object readValue(DataInputStream in, int limit, ValueType type) throws IOException {
        switch (type) {
            case STRING:
                return readBytes(in, limit);
            case HASH: {
                RedisHash h = new RedisHash();
                int n = count(in.readInt(), limit);
                for (int i = 0; i < n; i++) {
                    h.put(readBytes(in, limit), readBytes(in, limit));
                }
                return h;
            }
            case LIST: {
                RedisList l = new RedisList();
                int n = count(in.readInt(), limit);
                for (int i = 0; i < n; i++) {
                    l.addLast(readBytes(in, limit));
                }
                return l;
            }
            case SET: {
                RedisSet s = new RedisSet();
                int n = count(in.readInt(), limit);
                for (int i = 0; i < n; i++) {
                    s.add(readBytes(in, limit));
                }
                return s;
            }
            default: {
                RedisZSet z = new RedisZSet();
                int n = count(in.readInt(), limit);
                for (int i = 0; i < n; i++) {
                    Bytes member = readBytes(in, limit);
                    double score = in.readDouble();
                    if (Double.isNaN(score)) {
                        throw new IllegalArgumentException("NaN score in snapshot");
                    }
                    z.put(member, score);
                }
                return z;
            }
        }
    }

    private static void writeBytes(DataOutputStream out, Bytes b) throws IOException {
        out.writeInt(b.length());
        out.write(b.unsafeArray());
    }

    private static Bytes readBytes(DataInputStream in, int limit) throws IOException {
        byte[] data = new byte[count(in.readInt(), limit)];
        in.readFully(data);
        return Bytes.wrap(data);
    }

    private static int count(int n, int limit) {
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("corrupt length " + n + " in encoded data of " + limit + " bytes");
        }
        return n;
    }
}
