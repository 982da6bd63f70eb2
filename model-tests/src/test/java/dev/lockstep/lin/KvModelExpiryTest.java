package dev.lockstep.lin;

import static dev.lockstep.lin.KvModelTest.KEYS;
import static dev.lockstep.lin.KvModelTest.NIL;
import static dev.lockstep.lin.KvModelTest.VALUES;
import static dev.lockstep.lin.KvModelTest.bulk;
import static dev.lockstep.lin.KvModelTest.integer;
import static dev.lockstep.lin.KvModelTest.randomCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.lockstep.base.Bytes;
import dev.lockstep.lin.KvModelTest.Run;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The model's expiry: each command decides from its own stamp (docs/data-model.md, "Expiry semantics"). */
class KvModelExpiryTest {
    private static final long T = 1_700_000_000_000L;

    @Test
    void setWithPxExpiresAtTheStampPlusTheTtl() {
        Run m = new Run();
        Bytes a = Bytes.utf8("a");
        m.expectAt(T, Result.Ok.INSTANCE, "set", "a", "v", "PX", "100");
        assertEquals(T + 100, m.state.expireAt(0));
        m.expectAt(T + 40, integer(60), "pttl", "a");
        m.expectAt(T + 40, integer(0), "ttl", "a");
        m.expectAt(T + 99, bulk("v"), "get", "a");
        assertEquals(bulk("v"), m.at(T + 99, new Command.Get(a)));
        // at expireAt the key is gone for every kind of command
        assertEquals(NIL, m.at(T + 100, new Command.Get(a)));
        m.expectAt(T + 100, NIL, "get", "a");
        m.expectAt(T + 100, integer(-2), "pttl", "a");
        m.expectAt(T + 100, integer(-2), "ttl", "a");
        m.expectAt(T + 100, integer(0), "strlen", "a");
        // a read leaves the expired key in place: a command stamped earlier still sees it
        assertEquals(bulk("v"), m.at(T + 50, new Command.Get(a)));
        // unstamped: nothing expires, and the time-dependent answers fail
        assertEquals(bulk("v"), m.run(new Command.Get(a)));
        m.error("pttl", "a");
        // a write deletes it (lazy expiry): from then on it is absent even for earlier stamps
        m.expectAt(T + 150, integer(0), "persist", "a");
        assertEquals(ModelState.empty(8), m.state);
        assertEquals(NIL, m.at(T + 50, new Command.Get(a)));
    }

    @Test
    void writesSeeAnExpiredKeyAbsent() {
        Run m = new Run();
        Bytes a = Bytes.utf8("a");
        m.expectAt(T, Result.Ok.INSTANCE, "set", "a", "1", "PX", "10");
        assertEquals(integer(1), m.at(T + 10, new Command.Incr(a, 1)), "INCR of an expired key starts at 0");
        assertEquals(ModelState.NO_EXPIRY, m.state.expireAt(0), "and the new key has no expiry");
        m.expectAt(T + 20, Result.Ok.INSTANCE, "set", "a", "x", "PX", "10");
        m.expectAt(T + 30, Result.Ok.INSTANCE, "set", "a", "y", "NX", "PX", "50");
        m.expectAt(T + 31, bulk("y"), "get", "a");
        m.expectAt(T + 80, Result.NotApplied.INSTANCE, "set", "a", "z", "XX");
        m.expectAt(T + 81, integer(0), "pexpire", "a", "100");
        m.expectAt(T + 81, integer(1), "append", "a", "z");
        m.expectAt(T + 82, integer(1), "pexpire", "a", "10");
        assertEquals(Result.NotApplied.INSTANCE, m.at(T + 92, new Command.Cas(a, Optional.of(Bytes.utf8("z")),
                Bytes.utf8("w"))));
        assertEquals(Result.Ok.INSTANCE, m.at(T + 92, new Command.Put(a, Bytes.utf8("p"), Command.Condition.IF_ABSENT)));
        m.expectAt(T + 93, integer(-1), "pttl", "a");
        m.expectAt(T + 94, Result.Ok.INSTANCE, "set", "a", "q", "PX", "5");
        assertEquals(integer(0), m.at(T + 99, new Command.Delete(a)), "DEL of an expired key: 0");
        m.expectAt(T + 100, Result.Ok.INSTANCE, "set", "a", "q", "PX", "5");
        m.expectAt(T + 105, NIL, "getdel", "a");
        m.expectAt(T + 106, Result.Ok.INSTANCE, "set", "a", "q", "PX", "5");
        m.expectAt(T + 111, NIL, "getset", "a", "r");
        m.expectAt(T + 112, integer(-1), "pttl", "a");
        m.expectAt(T + 113, integer(1), "pexpire", "a", "5");
        m.expectAt(T + 118, integer(1), "hset", "a", "f", "v");
        m.expectAt(T + 118, integer(-1), "pttl", "a");
    }

    @Test
    void setClearsTheExpiryUnlessKeepTtlAndIncrAppendAndCollectionsKeepIt() {
        Run m = new Run();
        m.expectAt(T, Result.Ok.INSTANCE, "set", "a", "1", "PX", "1000");
        assertEquals(integer(2), m.at(T + 1, new Command.Incr(Bytes.utf8("a"), 1)));
        m.expectAt(T + 2, integer(998), "pttl", "a");
        m.expectAt(T + 3, integer(2), "append", "a", "x");
        m.expectAt(T + 3, integer(997), "pttl", "a");
        m.expectAt(T + 4, Result.Ok.INSTANCE, "set", "a", "k", "KEEPTTL");
        m.expectAt(T + 4, integer(996), "pttl", "a");
        m.expectAt(T + 5, bulk("k"), "set", "a", "g", "GET", "KEEPTTL");
        m.expectAt(T + 5, integer(995), "pttl", "a");
        m.expectAt(T + 6, Result.Ok.INSTANCE, "set", "a", "plain");
        m.expectAt(T + 6, integer(-1), "pttl", "a");
        m.expectAt(T + 7, integer(1), "pexpire", "a", "100");
        m.expectAt(T + 8, bulk("plain"), "getset", "a", "b");
        m.expectAt(T + 8, integer(-1), "pttl", "a"); // GETSET clears the expiry
        assertEquals(Result.Ok.INSTANCE, m.at(T + 9, new Command.Put(Bytes.utf8("a"), Bytes.utf8("c"))));
        m.expectAt(T + 9, integer(-1), "pttl", "a");
        m.expectAt(T + 10, integer(1), "hset", "h", "f", "v");
        m.expectAt(T + 10, integer(1), "pexpire", "h", "50");
        m.expectAt(T + 11, integer(1), "hset", "h", "g", "w");
        m.expectAt(T + 11, integer(49), "pttl", "h");
        m.expectAt(T + 12, integer(2), "hdel", "h", "f", "g");
        m.expectAt(T + 12, integer(-2), "pttl", "h");
        m.expectAt(T + 13, integer(1), "hset", "h", "f", "v");
        m.expectAt(T + 13, integer(-1), "pttl", "h"); // the emptied hash took its expiry with it
        m.expectAt(T + 14, Result.Ok.INSTANCE, "set", "b", "v", "EX", "2");
        m.expectAt(T + 14, integer(2000), "pttl", "b");
        m.expectAt(T + 515, integer(1), "ttl", "b");
        m.expectAt(T + 514, integer(2), "ttl", "b");
        m.expectAt(T + 15, Result.Ok.INSTANCE, "set", "c", "v", "PXAT", Long.toString(T + 40));
        m.expectAt(T + 15, integer(25), "pttl", "c");
        m.expectAt(T + 40, integer(-2), "pttl", "c");
    }

    @Test
    void pexpireAndPersist() {
        Run m = new Run();
        m.expectAt(T, integer(0), "pexpire", "a", "100");
        m.expectAt(T, integer(0), "persist", "a");
        m.expectAt(T, Result.Ok.INSTANCE, "set", "a", "v");
        m.expectAt(T, integer(0), "persist", "a"); // no expiry to remove
        m.expectAt(T, integer(1), "pexpire", "a", "100");
        m.expectAt(T + 10, integer(90), "pttl", "a");
        m.expectAt(T + 10, integer(1), "pexpire", "a", "300");
        m.expectAt(T + 10, integer(300), "pttl", "a");
        m.expectAt(T + 20, integer(1), "persist", "a");
        m.expectAt(T + 20, integer(-1), "pttl", "a");
        m.expectAt(T + 5_000, bulk("v"), "get", "a");
        // options: NX only without an expiry, XX only with one, GT later only, LT earlier only
        m.expectAt(T, integer(0), "pexpire", "a", "100", "XX");
        m.expectAt(T, integer(0), "pexpire", "a", "100", "GT");
        m.expectAt(T, integer(1), "pexpire", "a", "100", "NX");
        m.expectAt(T, integer(0), "pexpire", "a", "200", "NX");
        m.expectAt(T, integer(0), "pexpire", "a", "100", "GT");
        m.expectAt(T, integer(1), "pexpire", "a", "150", "gt");
        m.expectAt(T, integer(0), "pexpire", "a", "150", "LT");
        m.expectAt(T, integer(1), "pexpire", "a", "120", "LT");
        m.expectAt(T, integer(1), "pexpire", "a", "130", "XX");
        m.expectAt(T, integer(130), "pttl", "a");
        m.expectAt(T + 1, integer(1), "expire", "a", "2");
        m.expectAt(T + 1, integer(2000), "pttl", "a");
        m.errorAt(T, "pexpire", "a", "100", "NX", "XX");
        m.errorAt(T, "pexpire", "a", "100", "GT", "LT");
        m.errorAt(T, "pexpire", "a", "100", "XY");
        m.errorAt(T, "pexpire", "a", "ten");
        m.errorAt(T, "pexpire", "a", Long.toString(Long.MAX_VALUE));
        m.errorAt(T, "expire", "a", Long.toString(Long.MAX_VALUE / 100));
        m.error("pexpire", "a", "100");
        // a time not after the stamp deletes the key at once
        m.expectAt(T + 2, integer(1), "pexpire", "a", "0");
        assertEquals(ModelState.empty(8), m.state);
        m.expectAt(T + 2, integer(0), "pexpire", "a", "-5");
        m.expectAt(T + 3, Result.Ok.INSTANCE, "set", "a", "v");
        m.expectAt(T + 4, integer(1), "pexpire", "a", "-1");
        m.expectAt(T + 4, integer(-2), "pttl", "a");
    }

    @Test
    void setOptionsAsRedisParsesThem() {
        Run m = new Run();
        m.errorAt(T, "set", "a", "v", "PX", "0");
        m.errorAt(T, "set", "a", "v", "PX", "-5");
        m.errorAt(T, "set", "a", "v", "EX", "x");
        m.errorAt(T, "set", "a", "v", "PX");
        m.errorAt(T, "set", "a", "v", "PX", "10", "EX", "10");
        m.errorAt(T, "set", "a", "v", "PX", "10", "KEEPTTL");
        m.errorAt(T, "set", "a", "v", "KEEPTTL", "PX", "10");
        m.errorAt(T, "set", "a", "v", "NX", "XX");
        m.errorAt(T, "set", "a", "v", "PX", Long.toString(Long.MAX_VALUE));
        m.errorAt(T, "set", "a", "v", "EX", Long.toString(Long.MAX_VALUE / 10));
        m.errorAt(T, "set", "a", "v", "FOO");
        m.error("set", "a", "v", "PX", "10");
        assertEquals(ModelState.empty(8), m.state);
        m.expectAt(T, NIL, "set", "a", "v", "GET", "PX", "10");
        m.expectAt(T, bulk("v"), "set", "a", "w", "NX", "GET");
        m.expectAt(T, bulk("v"), "get", "a");
        m.expectAt(T, integer(10), "pttl", "a");
        m.expectAt(T + 10, NIL, "set", "a", "w", "XX", "GET");
        m.expectAt(T + 10, NIL, "get", "a");
        m.expectAt(T + 11, integer(1), "hset", "h", "f", "v");
        m.errorAt(T + 11, "set", "h", "v", "GET");
        m.errorAt(T + 11, "get", "h");
        m.expectAt(T + 11, Result.Ok.INSTANCE, "set", "h", "v", "XX", "PX", "20");
        m.expectAt(T + 12, bulk("v"), "get", "h");
        // Redis 7 takes a repeated option (the last expiry counts), as the store does
        m.expectAt(T + 20, Result.Ok.INSTANCE, "set", "b", "v", "PX", "10", "PX", "20");
        m.expectAt(T + 20, integer(20), "pttl", "b");
        m.expectAt(T + 20, Result.NotApplied.INSTANCE, "set", "b", "w", "NX", "NX");
        m.expectAt(T + 21, Result.Ok.INSTANCE, "set", "b", "w", "KEEPTTL", "KEEPTTL");
        m.expectAt(T + 21, integer(19), "pttl", "b");
        m.expectAt(T + 21, bulk("w"), "set", "b", "x", "GET", "GET", "XX", "XX");
    }

    /**
     * Lazy expiry: a read-only command (a read, or a transaction of reads only) never deletes an
     * expired key it meets, whichever way a protocol serves it; a command that writes deletes each
     * expired key it meets, in every op of a writing transaction (reads included) and in its
     * compares, even when they abort it. The store does the same.
     */
    @Test
    void aReadNeverDeletesAnExpiredKeyAWriteDoes() {
        Bytes a = Bytes.utf8("a");
        Bytes b = Bytes.utf8("b");
        KeySlots slots = new KeySlots(List.of(a, b));
        Command setA = new Command.Timed(T, Command.Redis.of("set", "a", "v", "PX", "100"));
        ModelState s = KvModel.apply(ModelState.empty(2), slots, setA).state();
        ModelState deleted = ModelState.empty(2);

        KvModel.Outcome early = KvModel.apply(s, slots, new Command.Timed(T + 50, new Command.Get(a)));
        assertEquals(bulk("v"), early.result());
        assertEquals(s, early.state());
        KvModel.Outcome unstamped = KvModel.apply(s, slots, new Command.Get(a));
        assertEquals(bulk("v"), unstamped.result(), "unstamped: nothing expires");

        // read-only: the expired key stays, with its expiry time
        List<Command> reads = List.of(
                new Command.Get(a),
                Command.Redis.of("get", "a"),
                Command.Redis.of("pttl", "a"),
                Command.Redis.of("strlen", "a"),
                new Command.Txn(List.of(), List.of(new Command.Get(a), new Command.Get(b))),
                new Command.Txn(List.of(new Command.Compare(a, Optional.of(Bytes.utf8("v")))),
                        List.of(new Command.Get(b))));
        List<Result> readResults = List.of(NIL, NIL, integer(-2), integer(0), new Result.Multi(List.of(NIL, NIL)),
                Result.Aborted.INSTANCE);
        for (int i = 0; i < reads.size(); i++) {
            Command c = new Command.Timed(T + 100, reads.get(i));
            KvModel.Outcome o = KvModel.apply(s, slots, c);
            assertEquals(readResults.get(i), o.result(), Describe.command(c));
            assertEquals(s, o.state(), "a read leaves the expired key: " + Describe.command(c));
            assertEquals(T + 100, o.state().expireAt(0));
            assertStore(List.of(setA, c), true, Describe.command(c));
        }

        // writing: each expired key met is deleted, by a read op of a writing transaction too
        List<Command> writes = List.of(
                Command.Redis.of("persist", "a"),
                Command.Redis.of("pexpire", "a", "1000"),
                new Command.Put(a, Bytes.utf8("w"), Command.Condition.IF_PRESENT),
                new Command.Delete(a),
                new Command.Txn(List.of(), List.of(new Command.Get(a), new Command.Put(b, Bytes.utf8("x")))),
                new Command.Txn(List.of(new Command.Compare(a, Optional.of(Bytes.utf8("v")))),
                        List.of(new Command.Put(b, Bytes.utf8("x")))));
        List<Result> writeResults = List.of(integer(0), integer(0), Result.NotApplied.INSTANCE, integer(0),
                new Result.Multi(List.of(NIL, Result.Ok.INSTANCE)), Result.Aborted.INSTANCE);
        for (int i = 0; i < writes.size(); i++) {
            Command c = new Command.Timed(T + 100, writes.get(i));
            KvModel.Outcome o = KvModel.apply(s, slots, c);
            assertEquals(writeResults.get(i), o.result(), Describe.command(c));
            assertEquals(null, o.state().copyValues()[0], "a write deletes the expired key: " + Describe.command(c));
            assertEquals(ModelState.NO_EXPIRY, o.state().expireAt(0));
            assertStore(List.of(setA, c), false, Describe.command(c));
        }
        assertEquals(deleted, KvModel.apply(s, slots, new Command.Timed(T + 100, writes.get(0))).state());

        KvModel.Outcome acked = KvModel.apply(s, slots, new Command.Acked(3,
                new Command.Timed(T + 100, Command.Redis.of("persist", "a"))));
        assertEquals(integer(0), acked.result(), "an acknowledgement is looked through");
        assertEquals(deleted, acked.state(), "a write deletes the expired key it meets");
        KvModel.Outcome ackedRead = KvModel.apply(s, slots, new Command.Acked(3,
                new Command.Timed(T + 100, Command.Redis.of("get", "a"))));
        assertEquals(NIL, ackedRead.result());
        assertEquals(s, ackedRead.state(), "an acknowledged read deletes nothing either");
    }

    /** Runs {@code commands} on a store and checks whether it still holds key {@code a} afterwards. */
    private static void assertStore(List<Command> commands, boolean holdsA, String what) {
        KvStore store = new KvStore();
        for (Command c : commands) {
            store.apply(c);
        }
        assertEquals(holdsA, store.keyspace().get(Bytes.utf8("a")) != null, "the store, after " + what);
    }

    @Test
    void statesDifferByExpiry() {
        Run one = new Run();
        one.at(T, "set", "a", "v", "PX", "100");
        Run two = new Run();
        two.at(T, "set", "a", "v", "PX", "200");
        assertNotEquals(one.state, two.state);
        two.at(T, "pexpire", "a", "100");
        assertEquals(one.state, two.state);
        assertEquals(one.state.hashCode(), two.state.hashCode());
        two.at(T, "persist", "a");
        assertNotEquals(one.state, two.state);
        one.at(T, "set", "a", "v");
        assertEquals(one.state, two.state);
    }

    /**
     * The model against the store on random stamped commands with expiry, the stamps mostly
     * moving forward by 0..60 ms and now and then back (a retried request applied late), some in
     * transactions that mix reads and writes. The model is deterministic and so is the store (a
     * read never deletes an expired key, a write deletes those it meets): values and expiry times
     * must agree exactly after every command, reads included.
     */
    @Test
    void modelMatchesKvStoreOnRandomStampedCommandsWithExpiry() {
        long seed = 20260107L;
        System.out.println("KvModelTest expiry seed " + seed);
        Prng rng = new Prng(seed);
        KeySlots slots = new KeySlots(KEYS);
        int expiredReads = 0;
        int expiredWrites = 0;
        for (int run = 0; run < 300; run++) {
            KvStore store = new KvStore();
            ModelState state = ModelState.empty(KEYS.size());
            List<String> trace = new ArrayList<>();
            long now = T;
            for (int step = 0; step < 40; step++) {
                now += rng.chance(0.1) ? -rng.nextIntInclusive(0, 100) : rng.nextIntInclusive(0, 60);
                Command inner = rng.chance(0.1) ? randomExpiryTxn(rng)
                        : rng.chance(0.5) ? randomExpiryCommand(rng) : randomCommand(rng, true, rng.chance(0.5));
                Command c = rng.chance(0.05) ? inner : new Command.Timed(now, inner);
                boolean metExpired = false;
                for (int k = 0; k < KEYS.size(); k++) {
                    metExpired |= c instanceof Command.Timed && inner.keys().contains(KEYS.get(k))
                            && state.expireAt(k) != ModelState.NO_EXPIRY && state.expireAt(k) <= now;
                }
                Result actual = store.apply(c);
                KvModel.Outcome expected = KvModel.apply(state, slots, c);
                trace.add(Describe.command(c) + " -> " + Describe.result(actual));
                assertTrue(KvModel.matches(expected.result(), actual), Describe.command(c) + ": model "
                        + Describe.result(expected.result()) + " store " + Describe.result(actual)
                        + "\nafter " + String.join("\n      ", trace));
                if (metExpired && inner.isReadOnly()) {
                    expiredReads++;
                    assertTrue(expected.state() == state, "a read changes nothing: " + Describe.command(c));
                } else if (metExpired) {
                    expiredWrites++;
                }
                state = expected.state();
                ModelValue[] values = state.copyValues();
                for (int k = 0; k < KEYS.size(); k++) {
                    Optional<Bytes> modelString = values[k] instanceof ModelValue.Str s
                            ? Optional.of(s.value()) : Optional.empty();
                    String where = KEYS.get(k) + " after " + String.join("\n      ", trace);
                    assertEquals(modelString, store.get(KEYS.get(k)), "string at " + where);
                    dev.lockstep.kv.redis.KeyEntry e = store.keyspace().get(KEYS.get(k));
                    long storeExpiry = e == null || e.expireAt() == dev.lockstep.kv.redis.KeyEntry.NO_EXPIRY
                            ? ModelState.NO_EXPIRY : e.expireAt();
                    assertEquals(state.expireAt(k), storeExpiry, "expiry time of " + where);
                }
            }
        }
        System.out.println("commands that met an expired key: " + expiredReads + " reads, " + expiredWrites + " writes");
        assertTrue(expiredReads > 100, "reads met expired keys: " + expiredReads);
        assertTrue(expiredWrites > 100, "writes met expired keys: " + expiredWrites);
    }

    /** A transaction of 1..3 commands from both mixes, sometimes guarded by a compare: all reads, or some writes. */
    private static Command randomExpiryTxn(Prng rng) {
        List<Command.Compare> compares = new ArrayList<>();
        if (rng.chance(0.3)) {
            compares.add(new Command.Compare(KEYS.get(rng.nextInt(KEYS.size())),
                    rng.chance(0.3) ? Optional.empty() : Optional.of(Bytes.utf8(VALUES.get(rng.nextInt(VALUES.size()))))));
        }
        List<Command> ops = new ArrayList<>();
        for (int i = rng.nextIntInclusive(1, 3); i > 0; i--) {
            ops.add(rng.chance(0.5) ? randomExpiryCommand(rng) : randomCommand(rng, false, rng.chance(0.5)));
        }
        return new Command.Txn(compares, ops);
    }

    private static Command randomExpiryCommand(Prng rng) {
        String key = KEYS.get(rng.nextInt(KEYS.size())).utf8();
        String value = VALUES.get(rng.nextInt(VALUES.size()));
        String ttl = Integer.toString(rng.nextIntInclusive(-20, 150));
        String pos = Integer.toString(rng.nextIntInclusive(1, 150));
        String[] flags = {"NX", "XX", "GT", "LT"};
        String[][] choices = {
            {"set", key, value, "PX", pos}, {"set", key, value, "PX", pos}, {"set", key, value, "PX", ttl},
            {"set", key, value}, {"set", key, value, "KEEPTTL"}, {"set", key, value, "NX", "PX", pos},
            {"set", key, value, "XX", "PX", pos}, {"set", key, value, "GET", "PX", pos}, {"set", key, value, "EX", "1"},
            {"set", key, value, "XX", "GET", "KEEPTTL"},
            {"pexpire", key, ttl}, {"pexpire", key, pos}, {"pexpire", key, ttl, flags[rng.nextInt(4)]},
            {"expire", key, "1"}, {"expire", key, "0"},
            {"pttl", key}, {"pttl", key}, {"ttl", key}, {"persist", key}, {"get", key}, {"get", key},
        };
        return Command.Redis.of(choices[rng.nextInt(choices.length)]);
    }
}
