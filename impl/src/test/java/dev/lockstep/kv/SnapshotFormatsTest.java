package dev.lockstep.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lockstep.base.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Data directories written before the data model hold version 3 snapshots (string values only):
 * they still restore, and a corrupt version 4 keyspace is refused rather than half-read.
 */
class SnapshotFormatsTest {

    @Test
    void aVersionThreeSnapshotOfStringsRestores() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x4B56534E);
            out.writeInt(3);
            out.writeByte(SessionTable.Eviction.LEAST_RECENTLY_APPLIED.ordinal());
            byte[] coverage = KvStateMachine.slotCoverage(7);
            out.writeInt(coverage.length);
            out.write(coverage);
            out.writeInt(1);
            out.writeInt(1);
            out.write('k');
            out.writeInt(2);
            out.write(new byte[] {'v', '1'});
            out.writeInt(0);
        }
        KvStateMachine.Restored restored = KvStateMachine.restore(bytes.toByteArray());
        assertEquals(7, restored.slot());
        assertEquals(Optional.of(Bytes.utf8("v1")), restored.machine().store().get(Bytes.utf8("k")));
        Result.Array versions = (Result.Array) restored.machine().read(new Command.Versions(java.util.List.of(Bytes.utf8("k"))));
        assertEquals(new Result.Int(1), versions.elements().get(0), "an old key gets version 1, not 0 (absent)");
    }

    @Test
    void aCorruptTypeTagIsRefused() {
        KvStateMachine m = new KvStateMachine();
        m.apply(new RequestId(1, 1), Command.Redis.of("hset", "h", "f", "v"));
        byte[] snapshot = m.snapshotAtSlot(1);
        int tagAt = indexOf(snapshot, new byte[] {0, 0, 0, 1, 'h'}) + 5;
        snapshot[tagAt] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvStateMachine.restore(snapshot));
        assertEquals("unknown value type 9 in snapshot", e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
