package dev.lockstep.multipaxos;

import dev.lockstep.common.erasure.Shard;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Message;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructRequest;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructResponse;
import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
import dev.lockstep.multipaxos.PaxosRecord.Accepted;
import dev.lockstep.multipaxos.PaxosRecord.Checkpoint;
import dev.lockstep.multipaxos.PaxosRecord.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Round trips for every message and record; malformed bytes are rejected, never crash. */
class PaxosCodecTest {
    private static final PaxosCodec CODEC = PaxosCodec.INSTANCE;
    private static final long GARBLE_SEED = 20240612L;

    /** Every kind of value, all in ballot {@code bal}. */
    static List<PaxosEntry> everyKindOfValue(long bal) {
        Bytes k = Bytes.utf8("key");
        Bytes v = Bytes.of(new byte[] {0, -1, 127, -128});
        return List.of(
                PaxosEntry.noop(bal),
                PaxosEntry.cmd(bal, new RequestId(1, 1), new Command.Get(k)),
                PaxosEntry.cmd(bal, new RequestId(-5, Long.MAX_VALUE), new Command.Put(k, v)),
                PaxosEntry.cmd(bal, new RequestId(2, 0), new Command.Put(k, Bytes.EMPTY, Command.Condition.IF_ABSENT)),
                PaxosEntry.cmd(bal, new RequestId(2, 2), new Command.Delete(k)),
                PaxosEntry.cmd(bal, new RequestId(2, 3), new Command.Cas(k, Optional.empty(), v)),
                PaxosEntry.cmd(bal, new RequestId(2, 5), new Command.Incr(k, Long.MIN_VALUE)),
                PaxosEntry.cmd(bal, new RequestId(Long.MIN_VALUE, 6), new Command.Txn(
                        List.of(new Command.Compare(k, Optional.empty()), new Command.Compare(v, Optional.of(k))),
                        List.of(new Command.Put(k, v), new Command.Incr(v, -3), new Command.Get(k)))),
                PaxosEntry.cmd(bal, new RequestId(2, 7), Command.Noop.INSTANCE),
                PaxosEntry.coded(bal, null, new Shard(0, -1L, Bytes.of(new byte[] {1, 2}))),
                PaxosEntry.coded(bal, new RequestId(3, 1), new Shard(2, Long.MIN_VALUE, v)),
                PaxosEntry.coded(bal, new RequestId(3, 2), new Shard(254, 7, Bytes.EMPTY)));
    }

    static List<Message> everyMessage() {
        Bytes snapshot = Bytes.wrap(new KvStateMachine().snapshotAtSlot(0));
        List<SlotEntry> reported = new ArrayList<>();
        long slot = 3;
        for (PaxosEntry e : everyKindOfValue(513)) {
            reported.add(new SlotEntry(slot, e));
            slot += 2;
        }
        return List.of(
                new PaxosMessage.PrePrepareRequest(1027),
                new PaxosMessage.PrePrepareResponse(1027, true),
                new PaxosMessage.PrePrepareResponse(Long.MAX_VALUE, false),
                new PrepareRequest(770, 12),
                new PrepareResponse(770, true, 9, reported),
                new PrepareResponse(1027, false, 0, List.of()),
                new AcceptRequest(770, 13, everyKindOfValue(770), 12),
                new AcceptRequest(Long.MAX_VALUE, 1, List.of(), 0),
                new AcceptResponse(770, true, 13, 9, 12),
                new AcceptResponse(1027, false, 13, 0, 4),
                new CatchUpRequest(770, 1, everyKindOfValue(257)),
                new InstallSnapshotRequest(770, 0, 0, snapshot),
                new InstallSnapshotRequest(770, 1_000_000, 513, Bytes.utf8("opaque")),
                new ReconstructRequest(770, 5, 64),
                new ReconstructResponse(770, 5, withHoles(everyKindOfValue(258))),
                new ReconstructResponse(513, 1, List.of()));
    }

    private static List<PaxosEntry> withHoles(List<PaxosEntry> entries) {
        List<PaxosEntry> list = new ArrayList<>(entries);
        list.add(1, PaxosEntry.NONE);
        return list;
    }

    static List<DurableRecord> everyRecord() {
        List<PaxosEntry> withHoles = new ArrayList<>(everyKindOfValue(257));
        withHoles.add(2, PaxosEntry.NONE);
        withHoles.add(PaxosEntry.NONE);
        withHoles.add(PaxosEntry.noop(258));
        return List.of(
                new Promise(770),
                new Promise(0),
                new Accepted(11, everyKindOfValue(513)),
                new Accepted(1, List.of()),
                new Checkpoint(770, 40, 513, Bytes.utf8("snap"), withHoles),
                new Checkpoint(0, 0, 0, Bytes.EMPTY, List.of()));
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
        assertArrayEquals(new byte[] {1, 3, 4}, CODEC.encodeMessage(new PrepareRequest(3, 4)));
        byte[] heartbeat = CODEC.encodeMessage(new AcceptRequest(770, 1000, List.of(), 999));
        assertTrue(heartbeat.length <= 8, "tag + three small varints + an empty list, got " + heartbeat.length);
        byte[] noops = CODEC.encodeMessage(new AcceptRequest(770, 1, List.of(PaxosEntry.noop(770),
                PaxosEntry.noop(770)), 0));
        assertEquals(8, noops.length, "an accept request's values carry no ballot of their own");
    }

    @Test
    void everyTruncationIsRejected() {
        for (Message m : everyMessage()) {
            byte[] full = CODEC.encodeMessage(m);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThrows(CodecException.class, () -> CODEC.decodeMessage(cut), m + " cut at " + len);
            }
        }
        for (DurableRecord r : everyRecord()) {
            byte[] full = CODEC.encodeRecord(r);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                assertThrows(CodecException.class, () -> CODEC.decodeRecord(cut), r + " cut at " + len);
            }
        }
    }

    @Test
    void malformedBytesAreRejectedWithACodecException() {
        List<byte[]> badMessages = List.of(
                new byte[] {},
                new byte[] {0},
                new byte[] {99, 1, 2},
                new byte[] {1, 1, 2, 0},
                new byte[] {2, 1, 2, 0, 0},
                new byte[] {3, 0, 1, 0, 0},
                new byte[] {3, 1, 1, 1, 0, 0},
                new byte[] {3, 1, 1, 1, 7, 0},
                new byte[] {2, 1, 1, 0, 1, 5, 1, 0},
                new byte[] {5, 1, 1, 1, 1, 0},
                new byte[] {4, 1, 2, 1, 1, 1},
                new byte[] {4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 1, 1, 1},
                new byte[] {3, 1, 1, 100});
        for (byte[] b : badMessages) {
            assertThrows(CodecException.class, () -> CODEC.decodeMessage(b), Arrays.toString(b));
        }
        List<byte[]> badRecords = List.of(
                new byte[] {7},
                new byte[] {2, 1, 1, 0},
                new byte[] {2, 1, 1, 1, 0},
                new byte[] {3, 1, 1, 1, 0, 1, 9},
                new byte[] {1, 1, 1});
        for (byte[] b : badRecords) {
            assertThrows(CodecException.class, () -> CODEC.decodeRecord(b), Arrays.toString(b));
        }
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
                b = new byte[prng.nextInt(40)];
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) prng.nextInt(256);
                }
            }
            rejected += decodesOrRejects(b);
        }
        assertTrue(rejected > 1000, "most garbled inputs are rejected (seed " + GARBLE_SEED + "), got " + rejected);
    }

    /** 1 when both decoders reject the bytes; any other exception than CodecException fails. */
    private static int decodesOrRejects(byte[] b) {
        int rejections = 0;
        try {
            CODEC.decodeMessage(b);
        } catch (CodecException e) {
            rejections++;
        } catch (RuntimeException | StackOverflowError e) {
            fail("decodeMessage crashed on " + Arrays.toString(b), e);
        }
        try {
            CODEC.decodeRecord(b);
        } catch (CodecException e) {
            rejections++;
        } catch (RuntimeException | StackOverflowError e) {
            fail("decodeRecord crashed on " + Arrays.toString(b), e);
        }
        return rejections == 2 ? 1 : 0;
    }
}
