package dev.lockstep.repnothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.common.LogRecord;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RepNothing step by step, as its contract (docs/protocols/repnothing-contract.md) reads. */
class RepNothingTest {
    private static final NodeId N1 = NodeId.of(1);
    private static final Bytes A = Bytes.utf8("a");

    private static RepNothingReplica replica(int snapshotEvery) {
        return new RepNothingReplica(new ReplicaConfig(N1, List.of(N1),
                RepNothingProtocol.PARAMETERS.of(Map.of("snapshotEvery", snapshotEvery)), true), 1);
    }

    private static Step write(RepNothingReplica r, long seq, long delta) {
        return r.step(new Event.ClientRequest(new RequestId(1, seq), new Command.Incr(A, delta)));
    }

    @Test
    void aWriteIsLoggedPersistedExecutedAndAnsweredInOneStepInThatOrder() {
        RepNothingReplica r = replica(0);
        List<Effect> effects = write(r, 1, 5).effects();
        assertTrue(effects.get(0) instanceof Effect.Persist p
                && p.records().equals(List.of(new LogRecord.Append(1, new ClientEntry(new RequestId(1, 1),
                        new Command.Incr(A, 5)), N1))), effects.toString());
        List<String> actions = effects.stream().filter(e -> e instanceof Effect.Trace)
                .map(e -> ((Effect.Trace) e).action()).toList();
        assertEquals(List.of("ClientRequest", "Sync", "Execute"), actions);
        Effect.Trace execute = (Effect.Trace) effects.get(3);
        assertEquals(Map.of("memLen", 1L, "diskLen", 1L, "applied", 1L), execute.fields().get("state"));
        assertEquals(new Effect.Reply(new RequestId(1, 1), new Result.Int(5)), effects.get(effects.size() - 1));
    }

    @Test
    void aRetryIsLoggedAgainButRunOnce() {
        RepNothingReplica r = replica(0);
        write(r, 1, 5);
        Step retry = write(r, 1, 5);
        assertTrue(retry.effects().contains(new Effect.Reply(new RequestId(1, 1), new Result.Int(5))));
        Step read = r.step(new Event.ClientRequest(new RequestId(2, 1), new Command.Get(A)));
        assertEquals(List.of(new Effect.Reply(new RequestId(2, 1), new Result.Value(Optional.of(Bytes.utf8("5"))))),
                read.effects());
        assertEquals(2, r.state().log.length());
    }

    @Test
    void aRestartRebuildsTheStateMachineFromTheCheckpointAndTheLaterEntries() {
        RepNothingReplica r = replica(2);
        List<DurableRecord> disk = new ArrayList<>();
        for (int seq = 1; seq <= 5; seq++) {
            for (Effect e : write(r, seq, 1).effects()) {
                if (e instanceof Effect.Persist p) {
                    disk.addAll(p.records());
                }
            }
        }
        assertTrue(disk.stream().anyMatch(DurableRecord::isCheckpoint), "snapshots every 2 entries");
        List<DurableRecord> afterLastCheckpoint = new ArrayList<>();
        for (DurableRecord d : disk) {
            if (d.isCheckpoint()) {
                afterLastCheckpoint.clear();
            }
            afterLastCheckpoint.add(d);
        }
        RepNothingReplica restarted = replica(2);
        Step s = restarted.step(new Event.Recover(afterLastCheckpoint));
        assertEquals("Restart", ((Effect.Trace) s.effects().get(0)).action());
        assertEquals(5, restarted.state().log.length());
        assertEquals(5, restarted.state().log.applied());
        Step read = restarted.step(new Event.ClientRequest(new RequestId(2, 1), new Command.Get(A)));
        assertEquals(new Result.Value(Optional.of(Bytes.utf8("5"))), ((Effect.Reply) read.effects().get(0)).result());
        // The retry of an executed write still gets its first answer after the restart.
        assertTrue(write(restarted, 5, 1).effects().contains(new Effect.Reply(new RequestId(1, 5), new Result.Int(5))));
    }

    @Test
    void aLogWithAGapIsRefusedAtRecovery() {
        ClientEntry e = new ClientEntry(new RequestId(1, 1), new Command.Incr(A, 1));
        RepNothingReplica r = replica(0);
        assertThrows(IllegalStateException.class, () -> r.step(new Event.Recover(List.of(
                new LogRecord.Append(1, e, N1), new LogRecord.Append(3, e, N1)))));
    }

    @Test
    void recordsRoundTripAndGarbageIsACodecError() throws CodecException {
        RepNothingCodec codec = RepNothingCodec.INSTANCE;
        LogRecord.Append append = new LogRecord.Append(7,
                new ClientEntry(new RequestId(3, 9), new Command.Put(A, Bytes.utf8("x"))), N1);
        assertEquals(append, codec.decodeRecord(codec.encodeRecord(append)));
        LogRecord.Checkpoint cp = new LogRecord.Checkpoint(4, Bytes.utf8("snap"));
        assertEquals(cp, codec.decodeRecord(codec.encodeRecord(cp)));
        byte[] bytes = codec.encodeRecord(append);
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThrows(CodecException.class, () -> codec.decodeRecord(cut), "cut at " + len);
        }
        assertThrows(CodecException.class, () -> codec.decodeRecord(new byte[] {9}));
        assertThrows(CodecException.class, () -> codec.decodeMessage(new byte[] {1, 2}));
        assertArrayEquals(bytes, codec.encodeRecord(codec.decodeRecord(bytes)));
    }
}
