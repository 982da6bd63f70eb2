package dev.lockstep.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checker's own specification: exact answers for each command, and agreement with the
 * store's implementation on random commands.
 */
class KvModelTest {
    private static final List<Bytes> KEYS = List.of(Bytes.utf8("a"), Bytes.utf8("b"), Bytes.utf8("c"));
    private static final List<String> VALUES = List.of("0", "1", "7", "x", "-3");

    @Test
    void modelMatchesKvStoreOnRandomCommands() {
        compareWithStore(20240611L, false);
    }

    /** The same with Redis commands of every modelled type over the same keys, so types collide. */
    @Test
    void modelMatchesKvStoreOnRandomRedisCommands() {
        compareWithStore(20250302L, true);
    }

    private static void compareWithStore(long seed, boolean redis) {
        System.out.println("KvModelTest seed " + seed);
        Prng rng = new Prng(seed);
        KeySlots slots = new KeySlots(KEYS);
        for (int run = 0; run < 200; run++) {
            KvStore store = new KvStore();
            ModelState state = ModelState.empty(KEYS.size());
            List<String> trace = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                Command c = randomCommand(rng, true, redis);
                Result actual = store.apply(c);
                KvModel.Outcome expected = KvModel.apply(state, slots, c);
                trace.add(Describe.command(c) + " -> " + Describe.result(actual));
                assertTrue(KvModel.matches(expected.result(), actual), Describe.command(c) + ": model "
                        + Describe.result(expected.result()) + " store " + Describe.result(actual)
                        + "\nafter " + String.join("\n      ", trace));
                state = expected.state();
                ModelValue[] values = state.copyValues();
                for (int k = 0; k < KEYS.size(); k++) {
                    Optional<Bytes> modelString = values[k] instanceof ModelValue.Str s
                            ? Optional.of(s.value()) : Optional.empty();
                    assertEquals(modelString, store.get(KEYS.get(k)), "string at " + KEYS.get(k)
                            + " after " + String.join("; ", trace));
                }
            }
        }
    }

    static Command randomCommand(Prng rng, boolean allowTxn, boolean redis) {
        Bytes key = KEYS.get(rng.nextInt(KEYS.size()));
        Bytes value = Bytes.utf8(VALUES.get(rng.nextInt(VALUES.size())));
        Optional<Bytes> expected = rng.chance(0.3) ? Optional.empty() : Optional.of(value);
        int kind = rng.nextInt(redis ? 12 : allowTxn ? 8 : 7);
        switch (kind) {
            case 0: return new Command.Get(key);
            case 1: return new Command.Put(key, value, Command.Condition.values()[rng.nextInt(3)]);
            case 2: return new Command.Delete(key);
            case 3: return new Command.Cas(key, expected, value);
            case 4: return new Command.Incr(key, rng.nextIntInclusive(-2, 3));
            case 5: return new Command.Incr(key, Long.MAX_VALUE);
            case 6: return new Command.Get(key);
            case 7:
                if (allowTxn) {
                    List<Command.Compare> compares = new ArrayList<>();
                    List<Command> ops = new ArrayList<>();
                    for (int i = rng.nextInt(2); i > 0; i--) {
                        compares.add(new Command.Compare(KEYS.get(rng.nextInt(KEYS.size())), expected));
                    }
                    for (int i = rng.nextInt(3); i >= 0; i--) {
                        ops.add(randomCommand(rng, false, redis));
                    }
                    return new Command.Txn(compares, ops);
                }
                return new Command.Get(key);
            default:
                return randomRedis(rng, key.utf8(), value.utf8());
        }
    }

    private static final List<String> FIELDS = List.of("f", "g", "n", "B", "\u00e9");
    private static final List<String> SCORES = List.of("1", "-2", "1.5", "0.25", "inf", "-inf", "x", "3e2", "0");

    private static Command randomRedis(Prng rng, String key, String value) {
        String f = FIELDS.get(rng.nextInt(FIELDS.size()));
        String g = FIELDS.get(rng.nextInt(FIELDS.size()));
        String score = SCORES.get(rng.nextInt(SCORES.size()));
        String i = Integer.toString(rng.nextIntInclusive(-4, 4));
        String j = Integer.toString(rng.nextIntInclusive(-4, 4));
        String[][] choices = {
            {"append", key, value}, {"strlen", key}, {"getdel", key}, {"getset", key, value},
            {"hset", key, f, value}, {"hset", key, f, value, g, value}, {"hset", key, f, value, g},
            {"hget", key, f}, {"hdel", key, f}, {"hdel", key, f, g}, {"hlen", key}, {"hgetall", key},
            {"hincrby", key, f, value}, {"hincrby", key, f, i},
            {"lpush", key, value}, {"rpush", key, value, f}, {"lpop", key}, {"rpop", key},
            {"lrange", key, i, j}, {"lrange", key, "0", "-1"}, {"lrange", key, value, "1"}, {"llen", key},
            {"sadd", key, f}, {"sadd", key, f, g}, {"srem", key, f}, {"srem", key, f, g},
            {"sismember", key, f}, {"scard", key}, {"smembers", key},
            {"zadd", key, score, f}, {"zadd", key, score, f, "2", g}, {"zadd", key, score, f, "2"},
            {"zincrby", key, score, f}, {"zscore", key, f}, {"zrem", key, f}, {"zrem", key, f, g},
            {"zcard", key}, {"zrange", key, i, j}, {"zrange", key, "0", "-1", "withscores"},
            {"zrange", key, value, "-1"},
        };
        return Command.Redis.of(choices[rng.nextInt(choices.length)]);
    }

    // ---------------------------------------------------------------- exact answers

    /** Runs commands in order from an empty state over keys a, b, c, h, l, s, z, k. */
    private static final class Run {
        final KeySlots slots = new KeySlots(List.of("a", "b", "c", "h", "l", "s", "z", "k").stream()
                .map(Bytes::utf8).toList());
        ModelState state = ModelState.empty(slots.size());

        Result run(Command c) {
            KvModel.Outcome o = KvModel.apply(state, slots, c);
            state = o.state();
            return o.result();
        }

        Result r(String... argv) {
            return run(Command.Redis.of(argv));
        }

        /** A Redis command stamped {@code now} (ms). */
        Result at(long now, String... argv) {
            return run(new Command.Timed(now, Command.Redis.of(argv)));
        }

        Result at(long now, Command c) {
            return run(new Command.Timed(now, c));
        }

        void expectAt(long now, Result expected, String... argv) {
            assertEquals(expected, at(now, argv), String.join(" ", argv) + " @" + now);
        }

        void errorAt(long now, String... argv) {
            ModelState before = state;
            assertInstanceOf(Result.Error.class, at(now, argv), String.join(" ", argv) + " @" + now);
            assertEquals(before, state, "a failing " + argv[0] + " changes nothing");
        }

        void expect(Result expected, String... argv) {
            Result got = r(argv);
            assertEquals(expected, got, String.join(" ", argv));
        }

        void error(String... argv) {
            ModelState before = state;
            assertInstanceOf(Result.Error.class, r(argv), String.join(" ", argv));
            assertEquals(before, state, "a failing " + argv[0] + " changes nothing");
        }
    }

    private static Result bulk(String s) {
        return new Result.Value(Optional.of(Bytes.utf8(s)));
    }

    private static final Result NIL = new Result.Value(Optional.empty());

    private static Result integer(long n) {
        return new Result.Int(n);
    }

    private static Result array(String... elements) {
        return new Result.Array(Arrays.stream(elements).map(KvModelTest::bulk).toList());
    }

    /** HGETALL's reply: fields and values, RESP3 a map. */
    private static Result map(String... fieldsAndValues) {
        return new Result.Array(Arrays.stream(fieldsAndValues).map(KvModelTest::bulk).toList(), Result.Shape.MAP);
    }

    /** SMEMBERS's reply: RESP3 a set. */
    private static Result set(String... members) {
        return new Result.Array(Arrays.stream(members).map(KvModelTest::bulk).toList(), Result.Shape.SET);
    }

    private static Result score(double d) {
        return new Result.Score(d);
    }

    /** ZRANGE .. WITHSCORES's reply: member, score, ... as pairs; a member is a String, a score a Number. */
    private static Result pairs(Object... membersAndScores) {
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < membersAndScores.length; i += 2) {
            out.add(bulk((String) membersAndScores[i]));
            out.add(score(((Number) membersAndScores[i + 1]).doubleValue()));
        }
        return new Result.Array(out, Result.Shape.PAIRS);
    }

    @Test
    void strings() {
        Run m = new Run();
        m.expect(integer(2), "append", "a", "ab");
        m.expect(integer(4), "append", "a", "cd");
        assertEquals(bulk("abcd"), m.run(new Command.Get(Bytes.utf8("a"))));
        m.expect(integer(4), "strlen", "a");
        m.expect(integer(0), "strlen", "b");
        m.expect(bulk("abcd"), "getset", "a", "x");
        m.expect(bulk("x"), "getdel", "a");
        m.expect(NIL, "getdel", "a");
        m.expect(NIL, "getset", "b", "new");
        assertEquals(bulk("new"), m.run(new Command.Get(Bytes.utf8("b"))));
        m.expect(bulk("new"), "getdel", "b");
        assertEquals(ModelState.empty(8), m.state);

        m.expect(integer(1), "hset", "h", "f", "v");
        m.error("append", "h", "x");
        m.error("strlen", "h");
        m.error("getdel", "h");
        m.error("getset", "h", "x");
        m.expect(integer(1), "hlen", "h");
    }

    @Test
    void hashes() {
        Run m = new Run();
        m.expect(integer(2), "hset", "h", "f1", "a", "f2", "b");
        m.expect(integer(1), "hset", "h", "f1", "c", "f3", "d");
        m.expect(bulk("c"), "hget", "h", "f1");
        m.expect(NIL, "hget", "h", "nope");
        m.expect(NIL, "hget", "b", "f1");
        m.expect(integer(3), "hlen", "h");
        m.expect(map("f1", "c", "f2", "b", "f3", "d"), "hgetall", "h");
        m.error("hset", "h", "f1", "x", "f2");
        m.expect(integer(1), "hdel", "h", "f2", "nope");
        m.expect(integer(0), "hdel", "b", "f2");
        m.expect(integer(5), "hincrby", "h", "n", "5");
        m.expect(integer(-2), "hincrby", "h", "n", "-7");
        m.error("hincrby", "h", "f1", "1");
        m.error("hincrby", "h", "n", "x");
        m.error("hincrby", "h", "n", "+1");
        m.error("hincrby", "b", "n", "01");
        m.expect(map("f1", "c", "f3", "d", "n", "-2"), "hgetall", "h");
        m.expect(integer(3), "hdel", "h", "f1", "f3", "n");
        m.expect(integer(0), "hlen", "h");
        m.expect(map(), "hgetall", "h");
        assertEquals(ModelState.empty(8), m.state, "an emptied hash is gone");

        // fields list in unsigned byte order
        m.expect(integer(4), "hset", "h", "b", "1", "\u00e9", "2", "a", "3", "B", "4");
        m.expect(map("B", "4", "a", "3", "b", "1", "\u00e9", "2"), "hgetall", "h");
        m.expect(integer(1), "hset", "h", "max", Long.toString(Long.MAX_VALUE));
        m.error("hincrby", "h", "max", "1");
    }

    @Test
    void lists() {
        Run m = new Run();
        m.expect(integer(2), "rpush", "l", "a", "b");
        m.expect(integer(4), "lpush", "l", "x", "y");
        m.expect(array("y", "x", "a", "b"), "lrange", "l", "0", "-1");
        m.expect(array("a", "b"), "lrange", "l", "-2", "-1");
        m.expect(array("x", "a", "b"), "lrange", "l", "1", "100");
        m.expect(array(), "lrange", "l", "3", "1");
        m.expect(array("y"), "lrange", "l", "-100", "0");
        m.expect(array(), "lrange", "l", "5", "10");
        m.expect(array(), "lrange", "b", "0", "-1");
        m.error("lrange", "l", "a", "1");
        m.error("lrange", "b", "0", "1.5");
        m.expect(integer(4), "llen", "l");
        m.expect(bulk("y"), "lpop", "l");
        m.expect(bulk("b"), "rpop", "l");
        m.expect(bulk("x"), "lpop", "l");
        m.expect(bulk("a"), "rpop", "l");
        m.expect(NIL, "lpop", "l");
        m.expect(NIL, "rpop", "l");
        m.expect(integer(0), "llen", "l");
        assertEquals(ModelState.empty(8), m.state, "an emptied list is gone");
        assertThrows(IllegalArgumentException.class, () -> m.r("lpop", "l", "2"), "LPOP with a count has no model");
    }

    @Test
    void sets() {
        Run m = new Run();
        m.expect(integer(2), "sadd", "s", "b", "a", "b");
        m.expect(integer(1), "sadd", "s", "c", "a");
        m.expect(integer(1), "sismember", "s", "a");
        m.expect(integer(0), "sismember", "s", "z");
        m.expect(integer(0), "sismember", "b", "a");
        m.expect(integer(3), "scard", "s");
        m.expect(set("a", "b", "c"), "smembers", "s");
        m.expect(integer(1), "srem", "s", "a", "z");
        m.expect(integer(2), "srem", "s", "b", "c");
        m.expect(integer(0), "srem", "s", "b");
        m.expect(integer(0), "scard", "s");
        m.expect(set(), "smembers", "s");
        assertEquals(ModelState.empty(8), m.state, "an emptied set is gone");
    }

    @Test
    void sortedSets() {
        Run m = new Run();
        m.expect(integer(3), "zadd", "z", "2", "b", "1", "a", "3", "c");
        m.expect(integer(0), "zadd", "z", "1.5", "b");
        m.expect(score(1.5), "zscore", "z", "b");
        m.expect(score(1), "zscore", "z", "a");
        m.expect(NIL, "zscore", "z", "nope");
        m.expect(NIL, "zscore", "b", "a");
        m.expect(pairs("a", 1, "b", 1.5, "c", 3), "zrange", "z", "0", "-1", "WITHSCORES");
        m.expect(array("a"), "zrange", "z", "0", "0");
        m.expect(array("b", "c"), "zrange", "z", "-2", "10");
        m.expect(integer(1), "zadd", "z", "1", "aa");
        m.expect(array("a", "aa", "b", "c"), "zrange", "z", "0", "-1");
        m.expect(score(3.5), "zincrby", "z", "2.5", "a");
        m.expect(score(1), "zincrby", "z", "1", "new");
        m.expect(pairs("aa", 1, "new", 1, "b", 1.5, "c", 3, "a", 3.5),
                "zrange", "z", "0", "-1", "withscores");
        m.expect(integer(1), "zrem", "z", "aa", "nope");
        m.expect(integer(4), "zcard", "z");
        m.error("zadd", "z", "nan", "x");
        m.error("zadd", "z", "abc", "x");
        m.error("zadd", "z", "1", "x", "2");
        m.error("zadd", "z", "1", "x", "1e999", "y");
        m.error("zincrby", "z", "one", "a");
        m.error("zrange", "z", "0", "x");
        m.expect(integer(4), "zcard", "z");
        m.expect(integer(1), "zadd", "z", "+inf", "top");
        m.expect(score(Double.POSITIVE_INFINITY), "zscore", "z", "top");
        m.error("zincrby", "z", "-inf", "top");
        m.expect(score(Double.POSITIVE_INFINITY), "zscore", "z", "top");
        m.expect(score(0.25), "zincrby", "z", "-3.25", "a");
        m.expect(integer(5), "zrem", "z", "a", "b", "c", "new", "top");
        m.expect(integer(0), "zcard", "z");
        m.expect(pairs(), "zrange", "z", "0", "-1", "withscores");
        assertEquals(ModelState.empty(8), m.state, "an emptied sorted set is gone");
        assertThrows(IllegalArgumentException.class, () -> m.r("zadd", "z", "nx", "1", "a"));
        assertThrows(IllegalArgumentException.class, () -> m.r("zrange", "z", "0", "1", "rev"));
    }

    @Test
    void scoresFormatAsRedis() {
        assertEquals("3", KvModel.formatScore(3.0));
        assertEquals("-3", KvModel.formatScore(-3.0));
        assertEquals("1.5", KvModel.formatScore(1.5));
        assertEquals("-0.5", KvModel.formatScore(-0.5));
        assertEquals("0.1", KvModel.formatScore(0.1));
        assertEquals("0.30000000000000004", KvModel.formatScore(0.1 + 0.2));
        assertEquals("0", KvModel.formatScore(0.0));
        assertEquals("-0", KvModel.formatScore(-0.0));
        assertEquals("inf", KvModel.formatScore(Double.POSITIVE_INFINITY));
        assertEquals("-inf", KvModel.formatScore(Double.NEGATIVE_INFINITY));
        assertEquals("123456.789", KvModel.formatScore(123456.789));
        assertEquals("0.0001", KvModel.formatScore(0.0001));
        assertEquals("0.000001", KvModel.formatScore(0.000001));
        assertEquals("1e-7", KvModel.formatScore(1e-7));
        assertEquals("2.5e-10", KvModel.formatScore(2.5e-10));
        assertEquals("4611686018427387904", KvModel.formatScore(Math.pow(2, 62)));
        assertEquals("1e+20", KvModel.formatScore(1e20));
        assertEquals("1.7976931348623157e+308", KvModel.formatScore(Double.MAX_VALUE));
    }

    /** A reply matches only in the shape and kind RESP3 gives it; scores by value, not text. */
    @Test
    void repliesMatchInShapeAndScoresByValue() {
        assertTrue(KvModel.matches(map("f", "v"), map("f", "v")));
        assertFalse(KvModel.matches(map("f", "v"), array("f", "v")), "HGETALL is a map");
        assertFalse(KvModel.matches(set("a"), array("a")), "SMEMBERS is a set");
        assertFalse(KvModel.matches(set(), array()), "an empty set is ~0, not *0");
        assertFalse(KvModel.matches(map(), array()), "an empty map is %0, not *0");
        assertFalse(KvModel.matches(pairs("a", 1), new Result.Array(List.of(bulk("a"), score(1)))),
                "WITHSCORES replies pairs");
        assertTrue(KvModel.matches(pairs(), array()), "no pairs and an empty array are both *0");
        assertTrue(KvModel.matches(array(), pairs()));
        assertTrue(KvModel.matches(score(1.5), score(1.5)));
        assertFalse(KvModel.matches(score(1.5), bulk("1.5")), "a score is a double, not a string");
        assertFalse(KvModel.matches(score(1.5), score(2.5)));
        assertFalse(KvModel.matches(score(0.0), score(-0.0)), "RESP3 writes -0 and 0 apart");
        assertFalse(KvModel.matches(pairs("a", 1, "b", 2), pairs("b", 2, "a", 1)), "pairs keep their order");
    }

    @Test
    void storeCommandsAreTypeAware() {
        Run m = new Run();
        Bytes h = Bytes.utf8("h");
        m.expect(integer(1), "hset", "h", "f", "v");
        assertInstanceOf(Result.Error.class, m.run(new Command.Get(h)));
        assertInstanceOf(Result.Error.class, m.run(new Command.Incr(h, 1)));
        assertEquals(Result.NotApplied.INSTANCE, m.run(new Command.Cas(h, Optional.empty(), Bytes.utf8("1"))));
        assertEquals(Result.NotApplied.INSTANCE, m.run(new Command.Cas(h, Optional.of(Bytes.utf8("v")), Bytes.utf8("1"))));
        assertEquals(Result.NotApplied.INSTANCE, m.run(new Command.Put(h, Bytes.utf8("1"), Command.Condition.IF_ABSENT)));
        assertEquals(Result.Aborted.INSTANCE, m.run(new Command.Txn(
                List.of(new Command.Compare(h, Optional.empty())), List.of(new Command.Delete(h)))));
        Result multi = m.run(new Command.Txn(List.of(),
                List.of(Command.Redis.of("hset", "h", "f", "w"), new Command.Get(h), Command.Redis.of("hlen", "h"))));
        assertTrue(KvModel.matches(multi, new Result.Multi(List.of(integer(0), new Result.Error("x"), integer(1)))),
                "a failing op does not stop the transaction: " + multi);
        m.expect(bulk("w"), "hget", "h", "f");
        assertEquals(Result.Ok.INSTANCE, m.run(new Command.Put(h, Bytes.utf8("s"))), "PUT overwrites any type");
        assertEquals(bulk("s"), m.run(new Command.Get(h)));
        m.error("lpush", "h", "a");
        m.error("sadd", "h", "a");
        m.error("zadd", "h", "1", "a");
        m.error("hget", "h", "f");
        assertEquals(integer(1), m.run(new Command.Delete(h)));
        m.expect(integer(1), "lpush", "h", "a");
        assertEquals(integer(1), m.run(new Command.Delete(h)), "DEL removes any type");
        assertEquals(ModelState.empty(8), m.state);
        assertThrows(IllegalArgumentException.class, () -> m.r("incrbyfloat", "a", "1.5"));
        assertThrows(IllegalArgumentException.class, () -> m.run(new Command.Txn(List.of(),
                List.of(new Command.Watch(h, 3)), List.of(new Command.Get(h)))));
    }

    @Test
    void statesAreEqualByValue() {
        Run one = new Run();
        one.r("hset", "h", "f1", "a");
        one.r("hset", "h", "f2", "b");
        one.r("sadd", "s", "x", "y");
        one.r("zadd", "z", "1", "m", "2", "n");
        one.r("rpush", "l", "p", "q");
        Run two = new Run();
        two.r("zadd", "z", "5", "n", "1", "m");
        two.r("hset", "h", "f2", "b", "f1", "x");
        two.r("lpush", "l", "q", "p");
        two.r("sadd", "s", "y");
        two.r("sadd", "s", "x");
        assertNotEquals(one.state, two.state);
        two.r("hset", "h", "f1", "a");
        two.r("zadd", "z", "2", "n");
        assertEquals(one.state, two.state);
        assertEquals(one.state.hashCode(), two.state.hashCode());
        two.r("sadd", "l", "x");
        assertEquals(one.state, two.state, "a failing command changes nothing");
    }

    // ---------------------------------------------------------------- time and expiry

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
