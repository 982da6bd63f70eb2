package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes a {@link KvStateMachine} as bytes, keys in sorted order so equal states give equal
 * bytes. Layout (version 3): magic, version, the session table's eviction rule, the protocol's
 * coverage bytes, entries (sorted by key), sessions (in table order, or sorted by client when
 * order-free). Results are encoded by {@link ResultCodec}. Version 2 (an applied log index in
 * place of the rule and coverage) is still read: its index becomes a slot coverage.
 */
final class KvSnapshotCodec {
    private static final int MAGIC = 0x4B56534E; // "KVSN"
    private static final int VERSION = 3;
    private static final int VERSION_WITH_INDEX = 2;

    private KvSnapshotCodec() {}

    static byte[] encode(byte[] coverage, Map<Bytes, Bytes> data, SessionTable sessions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(sizeHint(coverage, data));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(sessions.eviction().ordinal());
            out.writeInt(coverage.length);
            out.write(coverage);
            List<Bytes> keys = new ArrayList<>(data.keySet());
            keys.sort(null);
            out.writeInt(keys.size());
            for (Bytes key : keys) {
                writeBytes(out, key);
                writeBytes(out, data.get(key));
            }
            writeSessions(out, sessions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The encoded size without the sessions: a buffer of it is grown at most once (no doubling copies of a large store). */
    private static int sizeHint(byte[] coverage, Map<Bytes, Bytes> data) {
        long size = 64L + coverage.length;
        for (Map.Entry<Bytes, Bytes> e : data.entrySet()) {
            size += 8 + e.getKey().length() + e.getValue().length();
        }
        return (int) Math.min(size + size / 16, Integer.MAX_VALUE - 64);
    }

    private static void writeSessions(DataOutputStream out, SessionTable sessions) throws IOException {
        // Sessions and their results in their table order (least recently applied first), which
        // equal histories share: the order is part of the state (it decides eviction).
        out.writeInt(sessions.sessions.size());
        for (long client : sessions.encodingOrder()) {
            SessionTable.Session s = sessions.sessions.get(client);
            out.writeLong(client);
            out.writeLong(s.floor);
            out.writeInt(s.results.size());
            for (Map.Entry<Long, Result> e : s.results.entrySet()) {
                out.writeLong(e.getKey());
                ResultCodec.write(out, e.getValue());
            }
        }
    }

    static KvStateMachine.Restored decode(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version != VERSION && version != VERSION_WITH_INDEX) {
                throw new IllegalArgumentException("not a KV snapshot (bad magic or version)");
            }
            SessionTable.Eviction eviction = SessionTable.Eviction.LEAST_RECENTLY_APPLIED;
            byte[] coverage;
            if (version == VERSION) {
                int rule = in.readUnsignedByte();
                if (rule >= SessionTable.Eviction.values().length) {
                    throw new IllegalArgumentException("unknown session eviction rule " + rule + " in KV snapshot");
                }
                eviction = SessionTable.Eviction.values()[rule];
                coverage = new byte[checkedCount(in.readInt(), snapshot.length)];
                in.readFully(coverage);
            } else {
                long index = in.readLong();
                if (index < 0) {
                    throw new IllegalArgumentException("negative applied index " + index + " in KV snapshot");
                }
                coverage = KvStateMachine.slotCoverage(index);
            }
            int n = checkedCount(in.readInt(), snapshot.length);
            Map<Bytes, Bytes> data = new HashMap<>(Math.max(16, n * 2));
            for (int i = 0; i < n; i++) {
                data.put(readBytes(in, snapshot.length), readBytes(in, snapshot.length));
            }
            SessionTable sessions = readSessions(in, snapshot.length, eviction);
            if (in.available() != 0) {
                throw new IllegalArgumentException("trailing bytes after KV snapshot");
            }
            return new KvStateMachine.Restored(new KvStateMachine(new KvStore(data), sessions), coverage);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated KV snapshot", e);
        }
    }

    private static SessionTable readSessions(DataInputStream in, int limit, SessionTable.Eviction eviction)
            throws IOException {
        SessionTable sessions = new SessionTable(KvStateMachine.DEFAULT_MAX_CLIENTS, eviction);
        int clients = checkedCount(in.readInt(), limit);
        for (int c = 0; c < clients; c++) {
            long client = in.readLong();
            SessionTable.Session s = new SessionTable.Session();
            s.floor = in.readLong();
            int results = checkedCount(in.readInt(), limit);
            for (int r = 0; r < results; r++) {
                s.results.put(in.readLong(), ResultCodec.read(in, limit));
            }
            sessions.sessions.put(client, s);
        }
        return sessions;
    }

    static void writeBytes(DataOutputStream out, Bytes b) throws IOException {
        out.writeInt(b.length());
        out.write(b.unsafeArray());
    }

    static Bytes readBytes(DataInputStream in, int limit) throws IOException {
        byte[] data = new byte[checkedCount(in.readInt(), limit)];
        in.readFully(data);
        return Bytes.wrap(data);
    }

    static Optional<Bytes> readOptional(DataInputStream in, int limit) throws IOException {
        return in.readBoolean() ? Optional.of(readBytes(in, limit)) : Optional.empty();
    }

    static void writeOptional(DataOutputStream out, Optional<Bytes> b) throws IOException {
        out.writeBoolean(b.isPresent());
        if (b.isPresent()) {
            writeBytes(out, b.get());
        }
    }

    /** A length read from the input, rejected when negative or larger than the whole input. */
    static int checkedCount(int n, int limit) {
        if (n < 0 || n > limit) {
            throw new IllegalArgumentException("corrupt length " + n + " in encoded data of " + limit + " bytes");
        }
        return n;
    }
}
