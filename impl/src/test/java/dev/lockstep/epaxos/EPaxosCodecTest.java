package dev.lockstep.epaxos;

import static dev.lockstep.epaxos.CommitTest.put;
import static dev.lockstep.epaxos.EPaxosCluster.inst;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.kv.RequestId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message and record survives encoding; malformed bytes are rejected with a reason, never defaulted. */
class EPaxosCodecTest {
    private static final EPaxosCodec CODEC = EPaxosCodec.INSTANCE;
    private static final Payload BATCH = Payload.Batch.of(List.of(new ClientEntry(new RequestId(4, 2), put("x", "1")),
            new ClientEntry(new RequestId(5, 1), put("y", "2"))));
    private static final Deps D = Deps.of(3, 0, 7);

    static List<EPaxosMessage> everyMessage() {
        return List.of(new EPaxosMessage.PreAccept(inst(1, 1), BATCH, D, 4),
                new EPaxosMessage.PreAcceptReply(inst(1, 1), D, 5),
                new EPaxosMessage.Accept(inst(2, 3), 514, Payload.Nop.INSTANCE, Deps.none(3), 0),
                new EPaxosMessage.AcceptReply(inst(2, 3), 514),
                new EPaxosMessage.Commit(inst(3, 9), 0, new Payload.Expiry(90), D, 8),
                new EPaxosMessage.Recover(inst(3, 9), 771),
                new EPaxosMessage.RecoverReply(inst(3, 9), 771, 0, Phase.NONE, null, Deps.none(3), 0, Deps.none(3), 0),
                new EPaxosMessage.RecoverReply(inst(3, 9), 771, 514, Phase.ACCEPTED, BATCH, D, 4, D, 3),
                new EPaxosMessage.Validate(inst(1, 2), 257, BATCH, D, 4),
                new EPaxosMessage.ValidateReply(inst(1, 2), 257, List.of(new EPaxosMessage.Conflict(inst(2, 1),
                        Phase.COMMITTED))),
                new EPaxosMessage.Waiting(inst(1, 2), 2));
    }

    @Test
    void everyMessageRoundTrips() throws CodecException {
        for (EPaxosMessage m : everyMessage()) {
            assertEquals(m, CODEC.decodeMessage(CODEC.encodeMessage(m)), m.type());
        }
    }

    @Test
    void recordsRoundTrip() throws CodecException {
        EPaxosRecord.InstanceState s = new EPaxosRecord.InstanceState(inst(1, 4), Phase.ACCEPTED, 514, 514, BATCH, D, 4,
                BATCH, D, 3);
        assertEquals(s, CODEC.decodeRecord(CODEC.encodeRecord(s)));
        EPaxosRecord.Checkpoint c = new EPaxosRecord.Checkpoint(Bytes.utf8("snapshot"), List.of(s));
        EPaxosRecord.Checkpoint back = (EPaxosRecord.Checkpoint) CODEC.decodeRecord(CODEC.encodeRecord(c));
        assertEquals(c.snapshot(), back.snapshot());
        assertEquals(c.instances(), back.instances());
    }

    @Test
    void malformedBytesAreRejected() {
        byte[] good = CODEC.encodeMessage(everyMessage().get(0));
        assertThrows(CodecException.class, () -> CODEC.decodeMessage(new byte[] {99}), "unknown tag");
        assertThrows(CodecException.class, () -> CODEC.decodeMessage(Arrays.copyOf(good, good.length - 1)), "truncated");
        assertThrows(CodecException.class, () -> CODEC.decodeMessage(Arrays.copyOf(good, good.length + 1)), "trailing");
        assertThrows(CodecException.class, () -> CODEC.decodeMessage(new byte[] {1, 0, 1}), "instance of node 0");
        assertThrows(CodecException.class, () -> CODEC.decodeRecord(new byte[] {7}), "unknown record");
    }
}
