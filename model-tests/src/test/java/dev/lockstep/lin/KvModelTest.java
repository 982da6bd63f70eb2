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
    static final List<Bytes> KEYS = List.of(Bytes.utf8("a"), Bytes.utf8("b"), Bytes.utf8("c"));
    static final List<String> VALUES = List.of("0", "1", "7", "x", "-3");

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
    static final class Run {
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

    static Result bulk(String s) {
        return new Result.Value(Optional.of(Bytes.utf8(s)));
    }

    static final Result NIL = new Result.Value(Optional.empty());

    static Result integer(long n) {
        return new Result.Int(n);
    }

    static Result array(String... elements) {
        return new Result.Array(Arrays.stream(elements).map(KvModelTest::bulk).toList());
    }

    /** HGETALL's reply: fields and values, RESP3 a map. */
    static Result map(String... fieldsAndValues) {
        return new Result.Array(Arrays.stream(fieldsAndValues).map(KvModelTest::bulk).toList(), Result.Shape.MAP);
    }

    /** SMEMBERS's reply: RESP3 a set. */
    static Result set(String... members) {
        return new Result.Array(Arrays.stream(members).map(KvModelTest::bulk).toList(), Result.Shape.SET);
    }

    static Result score(double d) {
        return new Result.Score(d);
    }

    /** ZRANGE .. WITHSCORES's reply: member, score, ... as pairs; a member is a String, a score a Number. */
    static Result pairs(Object... membersAndScores) {
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
}
