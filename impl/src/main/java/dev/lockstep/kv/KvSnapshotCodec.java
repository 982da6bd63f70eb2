package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.redis.Keyspace;
import dev.lockstep.kv.redis.KeyspaceCodec;
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
 * bytes. Layout (version 4): magic, version, the session table's eviction rule, the protocol's
 * coverage bytes, the keyspace ({@link KeyspaceCodec}: typed values, expiry, versions), sessions
 * (in table order, or sorted by client when order-free). Results are encoded by {@link
 * ResultCodec}. Version 3 (string values only) and version 2 (an applied log index in place of
 * the rule and coverage) are still read: a version 2 index becomes a slot coverage.
 */
final class KvSnapshotCodec {
    private static final int MAGIC = 0x4B56534E; // "KVSN"
    private static final int VERSION = 4;
    private static final int VERSION_STRINGS_ONLY = 3;
    private static final int VERSION_WITH_INDEX = 2;

    private KvSnapshotCodec() {}

    static byte[] encode(byte[] coverage, Keyspace keyspace, SessionTable sessions) {
        long hint = 64L + coverage.length + KeyspaceCodec.sizeHint(keyspace);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(hint, Integer.MAX_VALUE - 64));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeByte(sessions.eviction().ordinal());
            out.writeInt(coverage.length);
            out.write(coverage);
            KeyspaceCodec.write(out, keyspace);
            writeSessions(out, sessions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
            if (version != VERSION && version != VERSION_STRINGS_ONLY && version != VERSION_WITH_INDEX) {
                throw new IllegalArgumentException("not a KV snapshot (bad magic or version)");
            }
            SessionTable.Eviction eviction = SessionTable.Eviction.LEAST_RECENTLY_APPLIED;
            byte[] coverage;
            if (version != VERSION_WITH_INDEX) {
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
            Keyspace data;
            if (version == VERSION) {
                data = KeyspaceCodec.read(in, snapshot.length);
            } else {
                data = new Keyspace();
                int n = checkedCount(in.readInt(), snapshot.length);
                for (int i = 0; i < n; i++) {
                    KeyspaceCodec.addString(data, readBytes(in, snapshot.length), readBytes(in, snapshot.length));
                }
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
