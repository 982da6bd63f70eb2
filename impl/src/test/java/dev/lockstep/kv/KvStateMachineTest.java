package dev.lockstep.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command.Cas;
import dev.lockstep.kv.Command.Compare;
import dev.lockstep.kv.Command.Condition;
import dev.lockstep.kv.Command.Delete;
import dev.lockstep.kv.Command.Get;
import dev.lockstep.kv.Command.Incr;
import dev.lockstep.kv.Command.Put;
import dev.lockstep.kv.Command.Txn;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {
    private static final Bytes A = Bytes.utf8("a");
    private static final Bytes B = Bytes.utf8("b");

    private final KvStateMachine sm = new KvStateMachine();
    private long index;
    private long seq;

    private Result apply(Command c) {
        return sm.apply(new RequestId(1, ++seq), c);
    }

    private static Result.Value value(String v) {
        return new Result.Value(Optional.of(Bytes.utf8(v)));
    }

    @Test
    void putGetDelete() {
        assertEquals(new Result.Value(Optional.empty()), sm.read(new Get(A)));
        assertEquals(Result.Ok.INSTANCE, apply(new Put(A, Bytes.utf8("1"))));
        assertEquals(value("1"), sm.read(new Get(A)));
        assertEquals(new Result.Int(1), apply(new Delete(A)));
        assertEquals(new Result.Int(0), apply(new Delete(A)));
        assertEquals(new Result.Value(Optional.empty()), sm.read(new Get(A)));
    }

    @Test
    void conditionalPutsFollowSetNxAndXx() {
        assertEquals(Result.NotApplied.INSTANCE, apply(new Put(A, Bytes.utf8("x"), Condition.IF_PRESENT)));
        assertEquals(Result.Ok.INSTANCE, apply(new Put(A, Bytes.utf8("1"), Condition.IF_ABSENT)));
        assertEquals(Result.NotApplied.INSTANCE, apply(new Put(A, Bytes.utf8("2"), Condition.IF_ABSENT)));
        assertEquals(Result.Ok.INSTANCE, apply(new Put(A, Bytes.utf8("3"), Condition.IF_PRESENT)));
        assertEquals(value("3"), sm.read(new Get(A)));
    }

    @Test
    void casComparesCurrentValueWithAbsentAllowed() {
        assertEquals(Result.Ok.INSTANCE, apply(new Cas(A, Optional.empty(), Bytes.utf8("1"))));
        assertEquals(Result.NotApplied.INSTANCE, apply(new Cas(A, Optional.empty(), Bytes.utf8("2"))));
        assertEquals(Result.NotApplied.INSTANCE, apply(new Cas(A, Optional.of(Bytes.utf8("0")), Bytes.utf8("2"))));
        assertEquals(Result.Ok.INSTANCE, apply(new Cas(A, Optional.of(Bytes.utf8("1")), Bytes.utf8("2"))));
        assertEquals(value("2"), sm.read(new Get(A)));
    }

    @Test
    void incrCountsFromAbsentAndRejectsNonIntegers() {
        assertEquals(new Result.Int(5), apply(new Incr(A, 5)));
        assertEquals(new Result.Int(3), apply(new Incr(A, -2)));
        apply(new Put(B, Bytes.utf8("x")));
        assertEquals(new Result.Error(KvStore.NOT_AN_INTEGER), apply(new Incr(B, 1)));
        apply(new Put(B, Bytes.utf8(Long.toString(Long.MAX_VALUE))));
        assertEquals(new Result.Error(KvStore.NOT_AN_INTEGER), apply(new Incr(B, 1)));
        assertEquals(value(Long.toString(Long.MAX_VALUE)), sm.read(new Get(B)));
    }

    @Test
    void transactionIsAllOrNothingOnItsCompares() {
        Txn guarded = new Txn(List.of(new Compare(A, Optional.empty())),
                List.of(new Put(A, Bytes.utf8("1")), new Incr(B, 2), new Get(B)));
        assertEquals(new Result.Multi(List.of(Result.Ok.INSTANCE, new Result.Int(2), value("2"))), apply(guarded));
        assertEquals(Result.Aborted.INSTANCE, apply(guarded));
        assertEquals(value("2"), sm.read(new Get(B)));
        assertTrue(new Txn(List.of(), List.of(new Get(A), new Get(B))).isReadOnly());
        assertThrows(IllegalArgumentException.class, () -> new Txn(List.of(), List.of(guarded)));
    }

    @Test
    void retriedRequestIsAppliedOnceAndGetsTheFirstResult() {
        RequestId id = new RequestId(7, 1);
        assertEquals(new Result.Int(1), sm.apply(id, new Incr(A, 1)));
        assertEquals(new Result.Int(1), sm.apply(id, new Incr(A, 1)));
        assertEquals(value("1"), sm.read(new Get(A)));
        // Pipelined requests of one session may apply out of seq order; each still runs once.
        assertEquals(new Result.Int(11), sm.apply(new RequestId(7, 3), new Incr(A, 10)));
        assertEquals(new Result.Int(111), sm.apply(new RequestId(7, 2), new Incr(A, 100)));
        assertEquals(new Result.Int(11), sm.apply(new RequestId(7, 3), new Incr(A, 10)));
    }

    @Test
    void requestOlderThanTheSessionWindowIsRefusedNotReapplied() {
        for (int s = 1; s <= SessionTable.WINDOW + 5; s++) {
            sm.apply(new RequestId(9, s), new Incr(A, 1));
        }
        long next = SessionTable.WINDOW + 6;
        assertEquals(new Result.Error(SessionTable.TOO_OLD), sm.apply(new RequestId(9, 2), new Incr(A, 1)));
        assertEquals(value(Integer.toString(SessionTable.WINDOW + 5)), sm.read(new Get(A)));
    }

    @Test
    void anEndedSessionKeepsNoResultsAndRefusesLateRetriesAndNewRequests() {
        RequestId first = new RequestId(9, 1);
        sm.apply(first, new Incr(A, 1));
        sm.apply(new RequestId(9, 2), new Incr(A, 1));
        sm.apply(new RequestId(4, 1), new Incr(B, 1));
        byte[] before = sm.snapshotAtSlot(0);
        assertEquals(3, sm.sessions().keptResults());

        assertEquals(Result.Ok.INSTANCE, sm.apply(new RequestId(9, 3), Command.EndSession.INSTANCE));
        assertEquals(1, sm.sessions().keptResults());
        assertEquals(1, sm.sessions().liveSessions());
        assertTrue(sm.snapshotAtSlot(0).length < before.length, "the snapshot shrinks");
        // A stray retry that reaches the log after the end must not run a second time.
        assertEquals(new Result.Error(SessionTable.ENDED), sm.apply(first, new Incr(A, 1)));
        assertEquals(new Result.Error(SessionTable.ENDED), sm.apply(new RequestId(9, 4), new Incr(A, 1)));
        assertEquals(value("2"), sm.read(new Get(A)));
        // The other session is untouched, and the tombstone survives a snapshot.
        assertEquals(new Result.Int(1), sm.apply(new RequestId(4, 1), new Incr(B, 1)));
        KvStateMachine restored = KvStateMachine.restore(sm.snapshotAtSlot(0)).machine();
        assertEquals(new Result.Error(SessionTable.ENDED), restored.apply(first, new Incr(A, 1)));
    }

    @Test
    void anAcknowledgementDropsAnsweredResultsAndAStrayCopyIsRefusedNotRun() {
        RequestId first = new RequestId(5, 1);
        sm.apply(first, new Command.Acked(1, new Incr(A, 1)));
        sm.apply(new RequestId(5, 2), new Command.Acked(1, new Incr(A, 1)));
        assertEquals(List.of(1L, 2L), sm.sessions().keptSeqs(5));
        // seq 3 says: everything below 2 was answered.
        assertEquals(new Result.Int(3), sm.apply(new RequestId(5, 3), new Command.Acked(2, new Incr(A, 1))));
        assertEquals(List.of(2L, 3L), sm.sessions().keptSeqs(5));
        // a retry of an unanswered request still gets its first result ...
        assertEquals(new Result.Int(2), sm.apply(new RequestId(5, 2), new Command.Acked(1, new Incr(A, 1))));
        // ... and a stray copy of an answered one is refused, never run again.
        assertEquals(new Result.Error(SessionTable.TOO_OLD), sm.apply(first, new Command.Acked(1, new Incr(A, 1))));
        assertEquals(value("3"), sm.read(new Get(A)));
        KvStateMachine restored = KvStateMachine.restore(sm.snapshotAtSlot(0)).machine();
        assertEquals(List.of(2L, 3L), restored.sessions().keptSeqs(5));
        assertEquals(new Result.Error(SessionTable.TOO_OLD), restored.apply(first, new Incr(A, 1)));
    }

    @Test
    void onlyAPlainWriteOrTransactionCarriesAnAcknowledgement() {
        assertThrows(IllegalArgumentException.class, () -> new Command.Acked(1, Command.EndSession.INSTANCE));
        assertThrows(IllegalArgumentException.class, () -> new Command.Acked(1, new Command.Acked(1, new Incr(A, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> new Txn(List.of(), List.of(new Command.Acked(1, new Incr(A, 1)))));
        assertTrue(new Command.Acked(1, new Get(A)).isReadOnly());
    }

    @Test
    void endSessionCannotHideInATransaction() {
        assertThrows(IllegalArgumentException.class,
                () -> new Txn(List.of(), List.of(Command.EndSession.INSTANCE)));
    }

    @Test
    void aSnapshotCarriesTheProtocolsCoverageUnread() {
        apply(new Put(A, Bytes.utf8("1")));
        byte[] coverage = {9, 8, 7, 6};
        KvStateMachine.Restored restored = KvStateMachine.restore(sm.snapshot(coverage));
        assertArrayEquals(coverage, restored.coverage());
        assertTrue(restored.machine().sameContentAs(sm));
        assertThrows(IllegalArgumentException.class, restored::slot, "four bytes are not one slot");
        assertEquals(42, KvStateMachine.restore(sm.snapshotAtSlot(42)).slot());
    }

    @Test
    void aVersionTwoSnapshotWithAnAppliedIndexIsStillRead() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0x4B56534E);
            out.writeInt(2);
            out.writeLong(17);
            out.writeInt(1);
            out.writeInt(1);
            out.write('a');
            out.writeInt(1);
            out.write('1');
            out.writeInt(0);
        }
        KvStateMachine.Restored restored = KvStateMachine.restore(bytes.toByteArray());
        assertEquals(17, restored.slot());
        assertEquals(value("1"), restored.machine().read(new Get(A)));
        assertEquals(SessionTable.Eviction.LEAST_RECENTLY_APPLIED, restored.machine().sessions().eviction());
    }

    @Test
    void expireSessionsEvictsEndedSessionsFirstThenByClientIdWhenOrderFree() {
        KvStateMachine free = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        for (long client : new long[] {5, 3, 9, 1}) {
            free.apply(new RequestId(client, 1), new Incr(A, 1));
        }
        free.apply(new RequestId(9, 2), Command.EndSession.INSTANCE);
        assertEquals(Result.Ok.INSTANCE, free.apply(null, new Command.ExpireSessions(2)));
        assertEquals(2, free.sessions().size());
        // n9 ended (evicted first), then the lowest live id, 1; 3 and 5 remain.
        assertEquals(List.of(1L), free.sessions().keptSeqs(3));
        assertEquals(List.of(1L), free.sessions().keptSeqs(5));
        assertEquals(List.of(), free.sessions().keptSeqs(1));
        // Under a total order the table evicts by itself, least recently applied first.
        KvStateMachine lru = new KvStateMachine();
        for (long client : new long[] {5, 3, 9, 1}) {
            lru.apply(new RequestId(client, 1), new Incr(A, 1));
        }
        lru.apply(null, new Command.ExpireSessions(1));
        assertEquals(List.of(1L), lru.sessions().keptSeqs(1));
        assertEquals(1, lru.sessions().size());
    }

    @Test
    void anOrderFreeTableEncodesTheSameWhateverOrderCommutingCommandsCameIn() {
        KvStateMachine one = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        KvStateMachine two = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        one.apply(new RequestId(1, 1), new Incr(A, 1));
        one.apply(new RequestId(2, 1), new Incr(B, 1));
        two.apply(new RequestId(2, 1), new Incr(B, 1));
        two.apply(new RequestId(1, 1), new Incr(A, 1));
        assertArrayEquals(one.snapshotAtSlot(0), two.snapshotAtSlot(0));
        // Under a total order the same two orders are two different states (LRU order).
        KvStateMachine three = new KvStateMachine();
        KvStateMachine four = new KvStateMachine();
        three.apply(new RequestId(1, 1), new Incr(A, 1));
        three.apply(new RequestId(2, 1), new Incr(B, 1));
        four.apply(new RequestId(2, 1), new Incr(B, 1));
        four.apply(new RequestId(1, 1), new Incr(A, 1));
        assertFalse(java.util.Arrays.equals(three.snapshotAtSlot(0), four.snapshotAtSlot(0)));
    }

    @Test
    void commandsNameTheKeysTheyTouch() {
        assertEquals(List.of(A), new Put(A, Bytes.utf8("1")).keys());
        assertEquals(List.of(A), new Command.Acked(1, new Incr(A, 1)).keys());
        assertEquals(List.of(B, A), new Txn(List.of(new Compare(B, Optional.empty())),
                List.of(new Put(A, Bytes.utf8("1")), new Get(B))).keys());
        assertEquals(List.of(), Command.EndSession.INSTANCE.keys());
    }

    @Test
    void snapshotRestoresStateAndSessionsAndIsCanonical() {
        apply(new Put(B, Bytes.utf8("2")));
        apply(new Put(A, Bytes.utf8("1")));
        RequestId incr = new RequestId(3, 1);
        sm.apply(incr, new Incr(Bytes.utf8("n"), 1));
        byte[] snapshot = sm.snapshotAtSlot(0);
        KvStateMachine restored = KvStateMachine.restore(snapshot).machine();
        assertTrue(restored.sameContentAs(sm));
        assertArrayEquals(snapshot, restored.snapshotAtSlot(0));
        // The session survived: the retry is still deduplicated after restore.
        assertEquals(new Result.Int(1), restored.apply(incr, new Incr(Bytes.utf8("n"), 1)));
        assertEquals(value("1"), restored.read(new Get(Bytes.utf8("n"))));
    }

    @Test
    void corruptSnapshotIsRejectedWithAClearError() {
        apply(new Put(A, Bytes.utf8("1")));
        byte[] snapshot = sm.snapshotAtSlot(0);
        byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 3);
        assertThrows(IllegalArgumentException.class, () -> KvStateMachine.restore(truncated));
        byte[] badMagic = snapshot.clone();
        badMagic[0] ^= 0x55;
        assertThrows(IllegalArgumentException.class, () -> KvStateMachine.restore(badMagic));
        byte[] hugeLength = snapshot.clone();
        hugeLength[14] = 0x7f; // the entry count's high byte (after magic, version, rule, coverage)
        assertThrows(IllegalArgumentException.class, () -> KvStateMachine.restore(hugeLength));
    }
}
