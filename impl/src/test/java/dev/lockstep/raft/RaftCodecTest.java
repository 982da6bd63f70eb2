package dev.lockstep.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.raft.RaftMessage.AppendEntriesRequest;
import dev.lockstep.raft.RaftMessage.AppendEntriesResponse;
import dev.lockstep.raft.RaftMessage.HeartbeatRequest;
import dev.lockstep.raft.RaftMessage.HeartbeatResponse;
import dev.lockstep.raft.RaftMessage.InstallSnapshotRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestPreVoteResponse;
import dev.lockstep.raft.RaftMessage.RequestVoteRequest;
import dev.lockstep.raft.RaftMessage.RequestVoteResponse;
import dev.lockstep.raft.RaftRecord.Checkpoint;
import dev.lockstep.raft.RaftRecord.HardState;
import dev.lockstep.raft.RaftRecord.LogAppend;
import dev.lockstep.raft.RaftRecord.LogTruncate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Round trips for every message and record; malformed bytes are rejected, never crash. */
class RaftCodecTest {
    private static final RaftCodec CODEC = RaftCodec.INSTANCE;
    private static final long GARBLE_SEED = 20240611L;

    static List<LogEntry> everyKindOfEntry() {
        Bytes k = Bytes.utf8("key");
        Bytes v = Bytes.of(new byte[] {0, -1, 127, -128});
        return List.of(
                LogEntry.noop(3),
                new LogEntry(3, new RequestId(1, 1), new Command.Get(k)),
                new LogEntry(3, new RequestId(-5, Long.MAX_VALUE), new Command.Put(k, v)),
                new LogEntry(4, new RequestId(2, 0), new Command.Put(k, Bytes.EMPTY, Command.Condition.IF_ABSENT)),
                new LogEntry(4, new RequestId(2, 1), new Command.Put(k, v, Command.Condition.IF_PRESENT)),
                new LogEntry(4, new RequestId(2, 2), new Command.Delete(k)),
                new LogEntry(4, new RequestId(2, 3), new Command.Cas(k, Optional.empty(), v)),
                new LogEntry(4, new RequestId(2, 4), new Command.Cas(k, Optional.of(v), Bytes.EMPTY)),
                new LogEntry(4, new RequestId(2, 5), new Command.Incr(k, Long.MIN_VALUE)),
                new LogEntry(5, new RequestId(Long.MIN_VALUE, 6), new Command.Txn(
                        List.of(new Command.Compare(k, Optional.empty()), new Command.Compare(v, Optional.of(k))),
                        List.of(new Command.Put(k, v), new Command.Incr(v, -3), new Command.Get(k)))),
                new LogEntry(5, new RequestId(2, 7), Command.Noop.INSTANCE));
    }

    static List<Message> everyMessage() {
        Bytes snapshot = Bytes.wrap(new KvStateMachine().snapshotAtSlot(0));
        return List.of(
                new RequestPreVoteRequest(8, 100, 7),
                new RequestPreVoteResponse(8, true),
                new RequestPreVoteResponse(7, false),
                new RequestVoteRequest(Long.MAX_VALUE, 0, 0),
                new RequestVoteResponse(1, true),
                new AppendEntriesRequest(5, 10, 4, everyKindOfEntry(), 12),
                new AppendEntriesRequest(5, 0, 0, List.of(), 0),
                new AppendEntriesResponse(5, true, 21, 0, 0),
                new AppendEntriesResponse(5, false, 0, 7, 3),
                new InstallSnapshotRequest(6, 0, 0, 0, snapshot),
                new InstallSnapshotRequest(6, 1_000_000, 5, 999_000, Bytes.utf8("opaque")),
                new HeartbeatRequest(2, 40, 3),
                new HeartbeatResponse(2, 3));
    }

    static List<DurableRecord> everyRecord() {
        return List.of(
                new HardState(3, NodeId.of(2)),
                new HardState(0, null),
                new LogAppend(11, everyKindOfEntry()),
                new LogAppend(1, List.of()),
                new LogTruncate(9),
                new Checkpoint(7, NodeId.of(12), 40, 6, 31, Bytes.utf8("snap"), everyKindOfEntry()),
                new Checkpoint(7, null, 40, 6, 31, Bytes.EMPTY, List.of()));
    }

    @Test
    void everyMessageRoundTrips() throws CodecException {
        for (Message m : everyMessage()) {
            assertEquals(m, CODEC.decodeMessage(CODEC.encodeMessage(m)));
        }
    }

    @Test
    void everyRecordRoundTrips() throws CodecException {
        for (DurableRecord r : everyRecord()) {
            DurableRecord back = CODEC.decodeRecord(CODEC.encodeRecord(r));
            assertEquals(r, back);
            assertEquals(r.isCheckpoint(), back.isCheckpoint());
        }
    }

    @Test
    void theEncodingIsCompact() {
        byte[] heartbeat = CODEC.encodeMessage(new HeartbeatRequest(3, 1000, 2));
        assertTrue(heartbeat.length <= 6, "tag + three small varints, got " + heartbeat.length);
        assertArrayEquals(CODEC.encodeMessage(new HeartbeatResponse(3, 2)), new byte[] {9, 3, 2});
    }

    @Test
    void everyTruncationIsRejected() {
        for (Message m : everyMessage()) {
            byte[] full = CODEC.encodeMessage(m);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(full, len);
                assertThrows(CodecException.class, () -> CODEC.decodeMessage(cut), m + " cut at " + len);
            }
        }
        for (DurableRecord r : everyRecord()) {
            byte[] full = CODEC.encodeRecord(r);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(full, len);
                assertThrows(CodecException.class, () -> CODEC.decodeRecord(cut), r + " cut at " + len);
            }
        }
    }

    @Test
    void malformedBytesAreRejectedWithACodecException() {
        List<byte[]> bad = List.of(
                new byte[] {},
                new byte[] {0},
                new byte[] {99, 1, 2},
                new byte[] {2, 1, 2},
                new byte[] {9, 1, 1, 0},
                new byte[] {9, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1},
                new byte[] {5, 1, 0, 0, 0, 100},
                new byte[] {5, 1, 0, 0, 0, 1, 1, 7},
                new byte[] {5, 1, 0, 0, 0, 1, 1, 1, 2, 2, 1, 6, 0, 1, 6, 0, 0},
                new byte[] {5, 1, 0, 0, 0, 1, 0, 0});
        for (byte[] b : bad) {
            assertThrows(CodecException.class, () -> CODEC.decodeMessage(b), java.util.Arrays.toString(b));
        }
        assertThrows(CodecException.class, () -> CODEC.decodeRecord(new byte[] {1, 3, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, 0x10}), "node id beyond int range");
        assertThrows(CodecException.class, () -> CODEC.decodeRecord(new byte[] {7}));
    }

    @Test
    void garbledBytesNeverCrashTheDecoder() {
        Prng prng = new Prng(GARBLE_SEED);
        List<byte[]> encodings = new ArrayList<>();
        everyMessage().forEach(m -> encodings.add(CODEC.encodeMessage(m)));
        everyRecord().forEach(r -> encodings.add(CODEC.encodeRecord(r)));
        int rejected = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] b = encodings.get(prng.nextInt(encodings.size())).clone();
            int flips = 1 + prng.nextInt(3);
            for (int f = 0; f < flips; f++) {
                b[prng.nextInt(b.length)] = (byte) prng.nextInt(256);
            }
            if (prng.chance(0.2)) {
                b = randomBytes(prng);
            }
            rejected += decodesOrRejects(b);
        }
        assertTrue(rejected > 1000, "most garbled inputs are rejected (seed " + GARBLE_SEED + "), got " + rejected);
    }

    private static byte[] randomBytes(Prng prng) {
        byte[] b = new byte[prng.nextInt(40)];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) prng.nextInt(256);
        }
        return b;
    }

    /** 1 when both decoders reject the bytes; any other exception than CodecException fails. */
    private static int decodesOrRejects(byte[] b) {
        int rejections = 0;
        try {
            CODEC.decodeMessage(b);
        } catch (CodecException e) {
            rejections++;
        } catch (RuntimeException | StackOverflowError e) {
            fail("decodeMessage crashed on " + java.util.Arrays.toString(b), e);
        }
        try {
            CODEC.decodeRecord(b);
        } catch (CodecException e) {
            rejections++;
        } catch (RuntimeException | StackOverflowError e) {
            fail("decodeRecord crashed on " + java.util.Arrays.toString(b), e);
        }
        return rejections == 2 ? 1 : 0;
    }
}
