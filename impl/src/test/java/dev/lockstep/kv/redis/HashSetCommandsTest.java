package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hash and set commands through {@link KvStore}, against Redis 7's replies; and {@link Glob}. */
class HashSetCommandsTest {
    private static final String WRONGTYPE = RedisError.WRONG_TYPE;

    private final KvStore store = new KvStore();

    private Result r(String... args) {
        return RespTwoView.of(store.apply(Command.Redis.of(args)));
    }

    // Expected replies: bulk string, nil, integer, error, array, array of bulk strings.
    private static Result bulk(String s) { return new Result.Value(Optional.of(Bytes.utf8(s))); }
    private static Result nil() { return new Result.Value(Optional.empty()); }
    private static Result num(long n) { return new Result.Int(n); }
    private static Result err(String message) { return new Result.Error(message); }
    private static Result arr(Result... elements) { return new Result.Array(List.of(elements)); }
    private static Result strs(String... values) {
        return new Result.Array(Arrays.stream(values).map(HashSetCommandsTest::bulk).toList());
    }

    private static List<String> texts(Result array) {
        List<String> out = new ArrayList<>();
        for (Result e : ((Result.Array) array).elements()) {
            out.add(((Result.Value) e).value().orElseThrow().utf8());
        }
        return out;
    }

    private void putString(String key) {
        store.apply(new Command.Put(Bytes.utf8(key), Bytes.utf8("x")));
    }

    private long version(String key) {
        Result.Array a = (Result.Array) store.apply(new Command.Versions(List.of(Bytes.utf8(key))));
        return ((Result.Int) a.elements().get(0)).value();
    }

    private boolean exists(String key) {
        return store.keyspace().get(Bytes.utf8(key)) != null;
    }

    // ---------------------------------------------------------------- hashes

    @Test
    void hsetHgetAndListings() {
        assertEquals(num(2), r("hset", "h", "b", "2", "a", "1"));
        assertEquals(num(1), r("hset", "h", "a", "one", "c", "3"));
        assertEquals(Result.Ok.INSTANCE, r("hmset", "h", "d", "4"));
        assertEquals(bulk("one"), r("hget", "h", "a"));
        assertEquals(nil(), r("hget", "h", "zz"));
        assertEquals(nil(), r("hget", "nokey", "a"));
        assertEquals(arr(bulk("one"), nil(), bulk("4")), r("hmget", "h", "a", "zz", "d"));
        assertEquals(arr(nil(), nil()), r("hmget", "nokey", "a", "b"));
        assertEquals(strs("a", "one", "b", "2", "c", "3", "d", "4"), r("hgetall", "h"));
        assertEquals(strs("a", "b", "c", "d"), r("hkeys", "h"));
        assertEquals(strs("one", "2", "3", "4"), r("hvals", "h"));
        assertEquals(arr(), r("hgetall", "nokey"));
        assertEquals(arr(), r("hkeys", "nokey"));
        assertEquals(num(4), r("hlen", "h"));
        assertEquals(num(1), r("hexists", "h", "c"));
        assertEquals(num(0), r("hexists", "h", "zz"));
        assertEquals(num(3), r("hstrlen", "h", "a"));
        assertEquals(num(0), r("hstrlen", "h", "zz"));
        assertEquals(num(0), r("hstrlen", "nokey", "a"));
    }

    @Test
    void hsetOddPairsIsAnArityErrorAndChangesNothing() {
        assertEquals(err("ERR wrong number of arguments for 'hset' command"), r("hset", "h", "a", "1", "b"));
        assertEquals(err("ERR wrong number of arguments for 'hmset' command"), r("hmset", "h", "a", "1", "b"));
        assertFalse(exists("h"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("hset", "h", "a"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("hget", "h"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("hlen", "h", "x"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("hdel", "h"));
    }

    @Test
    void hdelCountsAndEmptiedHashDisappears() {
        r("hset", "h", "a", "1", "b", "2");
        assertEquals(num(1), r("hdel", "h", "a", "zz", "a"));
        long v = version("h");
        assertEquals(num(0), r("hdel", "h", "zz"));
        assertEquals(v, version("h"), "a no-op HDEL leaves the version");
        assertEquals(num(1), r("hdel", "h", "b"));
        assertEquals(num(0), r("hlen", "h"));
        assertFalse(exists("h"));
        assertEquals(num(0), r("hdel", "nokey", "a"));
    }

    @Test
    void hsetnx() {
        assertEquals(num(1), r("hsetnx", "h", "a", "1"));
        assertEquals(num(0), r("hsetnx", "h", "a", "2"));
        assertEquals(bulk("1"), r("hget", "h", "a"));
    }

    @Test
    void hincrby() {
        assertEquals(num(5), r("hincrby", "h", "n", "5"));
        assertEquals(num(-3), r("hincrby", "h", "n", "-8"));
        assertEquals(bulk("-3"), r("hget", "h", "n"));
        r("hset", "h", "s", "abc", "big", Long.toString(Long.MAX_VALUE - 1), "z", "007");
        assertEquals(err("ERR hash value is not an integer"), r("hincrby", "h", "s", "1"));
        assertEquals(err("ERR hash value is not an integer"), r("hincrby", "h", "z", "1"));
        assertEquals(err(RedisError.NOT_AN_INTEGER), r("hincrby", "h", "n", "1.5"));
        assertEquals(num(Long.MAX_VALUE), r("hincrby", "h", "big", "1"));
        long v = version("h");
        assertEquals(err("ERR increment or decrement would overflow"), r("hincrby", "h", "big", "1"));
        assertEquals(v, version("h"), "a failed HINCRBY changes nothing");
        assertEquals(bulk(Long.toString(Long.MAX_VALUE)), r("hget", "h", "big"));
        r("hset", "h", "low", Long.toString(Long.MIN_VALUE));
        assertEquals(err("ERR increment or decrement would overflow"), r("hincrby", "h", "low", "-1"));
    }

    @Test
    void hincrbyfloat() {
        r("hset", "h", "f", "10.50", "e", "5.0e3", "s", "x");
        assertEquals(bulk("10.6"), r("hincrbyfloat", "h", "f", "0.1"));
        assertEquals(bulk("5200"), r("hincrbyfloat", "h", "e", "200"));
        assertEquals(bulk("5200"), r("hget", "h", "e"));
        assertEquals(bulk("-2.5"), r("hincrbyfloat", "h", "new", "-2.5"));
        assertEquals(err("ERR hash value is not a float"), r("hincrbyfloat", "h", "s", "1"));
        assertEquals(err(RedisError.NOT_A_FLOAT), r("hincrbyfloat", "h", "f", "abc"));
        assertEquals(err("ERR value is NaN or Infinity"), r("hincrbyfloat", "h", "f", "inf"));
        r("hset", "h", "m", "1.7976931348623157e308");
        assertEquals(err("ERR increment would produce NaN or Infinity"),
                r("hincrbyfloat", "h", "m", "1.7976931348623157e308"));
        assertEquals(bulk("1.7976931348623157e308"), r("hget", "h", "m"));
        assertEquals(err(RedisError.NOT_A_FLOAT), r("hincrbyfloat", "nokey", "f", "nan"));
        assertFalse(exists("nokey"));
    }

    @Test
    void hrandfield() {
        assertEquals(nil(), r("hrandfield", "nokey"));
        assertEquals(arr(), r("hrandfield", "nokey", "3"));
        assertEquals(arr(), r("hrandfield", "nokey", "-3", "withvalues"));
        r("hset", "h", "a", "1", "b", "2", "c", "3");
        Set<String> fields = Set.of("a", "b", "c");
        assertTrue(fields.contains(texts(arr(r("hrandfield", "h"))).get(0)));
        assertEquals(arr(), r("hrandfield", "h", "0"));
        assertEquals(strs("a", "b", "c"), r("hrandfield", "h", "3"));
        assertEquals(strs("a", "1", "b", "2", "c", "3"), r("hrandfield", "h", "10", "WITHVALUES"));
        List<String> two = texts(r("hrandfield", "h", "2"));
        assertEquals(2, new HashSet<>(two).size());
        assertTrue(fields.containsAll(two));
        List<String> many = texts(r("hrandfield", "h", "-7"));
        assertEquals(7, many.size());
        assertTrue(fields.containsAll(many));
        List<String> pairs = texts(r("hrandfield", "h", "-4", "withvalues"));
        assertEquals(8, pairs.size());
        for (int i = 0; i < pairs.size(); i += 2) {
            assertEquals(pairs.get(i + 1), switch (pairs.get(i)) {
                case "a" -> "1";
                case "b" -> "2";
                default -> "3";
            });
        }
        assertEquals(err(RedisError.SYNTAX), r("hrandfield", "h", "1", "values"));
        assertEquals(err(RedisError.SYNTAX), r("hrandfield", "h", "1", "withvalues", "x"));
        assertEquals(err(RedisError.NOT_AN_INTEGER), r("hrandfield", "h", "x"));
        assertEquals(err("ERR value is out of range"), r("hrandfield", "h", "-9223372036854775807", "withvalues"));
    }

    @Test
    void hscan() {
        r("hset", "h", "a1", "x", "a2", "y", "b1", "z");
        assertEquals(arr(bulk("0"), strs("a1", "x", "a2", "y", "b1", "z")), r("hscan", "h", "0"));
        assertEquals(arr(bulk("0"), strs("a1", "x", "a2", "y")), r("hscan", "h", "0", "MATCH", "a*", "COUNT", "1"));
        assertEquals(arr(bulk("0"), strs("b1")), r("hscan", "h", "0", "match", "?1", "novalues", "match", "b*"));
        assertEquals(arr(bulk("0"), arr()), r("hscan", "nokey", "0"));
        assertEquals(err("ERR invalid cursor"), r("hscan", "h", "abc"));
        assertEquals(err("ERR invalid cursor"), r("hscan", "h", "-1"));
        assertEquals(err("ERR invalid cursor"), r("hscan", "h", "18446744073709551616"));
        assertEquals(arr(bulk("0"), strs("a1", "x", "a2", "y", "b1", "z")), r("hscan", "h", "18446744073709551615"));
        assertEquals(err(RedisError.SYNTAX), r("hscan", "h", "0", "count", "0"));
        assertEquals(err(RedisError.NOT_AN_INTEGER), r("hscan", "h", "0", "count", "x"));
        assertEquals(err(RedisError.SYNTAX), r("hscan", "h", "0", "match"));
    }

    @Test
    void hashCommandsOnAStringAreWrongType() {
        putString("s");
        for (String[] c : new String[][] {
                {"hset", "s", "f", "v"}, {"hmset", "s", "f", "v"}, {"hsetnx", "s", "f", "v"}, {"hget", "s", "f"},
                {"hmget", "s", "f"}, {"hgetall", "s"}, {"hkeys", "s"}, {"hvals", "s"}, {"hdel", "s", "f"},
                {"hexists", "s", "f"}, {"hlen", "s"}, {"hstrlen", "s", "f"}, {"hincrby", "s", "f", "1"},
                {"hincrbyfloat", "s", "f", "1"}, {"hrandfield", "s"}, {"hrandfield", "s", "2"},
                {"hscan", "s", "0"}}) {
            assertEquals(err(WRONGTYPE), r(c), String.join(" ", c));
        }
        assertEquals(Optional.of(Bytes.utf8("x")), store.get(Bytes.utf8("s")));
    }

    // ---------------------------------------------------------------- sets

    @Test
    void saddSremAndQueries() {
        assertEquals(num(3), r("sadd", "s", "c", "a", "b", "a"));
        long v = version("s");
        assertEquals(num(0), r("sadd", "s", "a"));
        assertEquals(v, version("s"), "SADD of a present member changes nothing");
        assertEquals(strs("a", "b", "c"), r("smembers", "s"));
        assertEquals(arr(), r("smembers", "nokey"));
        assertEquals(num(1), r("sismember", "s", "b"));
        assertEquals(num(0), r("sismember", "s", "z"));
        assertEquals(arr(num(1), num(0), num(1)), r("smismember", "s", "a", "z", "c"));
        assertEquals(arr(num(0)), r("smismember", "nokey", "a"));
        assertEquals(num(3), r("scard", "s"));
        assertEquals(num(2), r("srem", "s", "a", "b", "z"));
        assertEquals(num(1), r("srem", "s", "c"));
        assertEquals(num(0), r("scard", "s"));
        assertFalse(exists("s"));
        assertEquals(num(0), r("srem", "nokey", "a"));
    }

    @Test
    void spop() {
        assertEquals(nil(), r("spop", "nokey"));
        assertEquals(arr(), r("spop", "nokey", "2"));
        r("sadd", "s", "a", "b", "c", "d", "e");
        String one = ((Result.Value) r("spop", "s")).value().orElseThrow().utf8();
        assertEquals(num(0), r("sismember", "s", one));
        List<String> two = texts(r("spop", "s", "2"));
        assertEquals(2, new HashSet<>(two).size());
        assertFalse(two.contains(one));
        assertEquals(num(2), r("scard", "s"));
        assertEquals(arr(), r("spop", "s", "0"));
        assertEquals(err("ERR value is out of range, must be positive"), r("spop", "s", "-1"));
        assertEquals(err("ERR value is out of range, must be positive"), r("spop", "s", "x"));
        assertEquals(err(RedisError.SYNTAX), r("spop", "s", "1", "2"));
        List<String> rest = texts(r("spop", "s", "10"));
        assertEquals(2, rest.size());
        Set<String> all = new HashSet<>(rest);
        all.addAll(two);
        all.add(one);
        assertEquals(Set.of("a", "b", "c", "d", "e"), all);
        assertFalse(exists("s"));
    }

    @Test
    void spopIsDeterministic() {
        KvStore other = new KvStore();
        List<Command> cmds = new ArrayList<>();
        String[] members = new String[50];
        for (int i = 0; i < members.length; i++) {
            members[i] = "m" + i;
        }
        List<String> sadd = new ArrayList<>(List.of("sadd", "s"));
        sadd.addAll(List.of(members));
        cmds.add(Command.Redis.of(sadd.toArray(String[]::new)));
        cmds.add(Command.Redis.of("spop", "s"));
        cmds.add(Command.Redis.of("spop", "s", "7"));
        cmds.add(Command.Redis.of("srandmember", "s", "-5"));
        cmds.add(Command.Redis.of("spop", "s", "3"));
        List<Result> mine = new ArrayList<>();
        List<Result> theirs = new ArrayList<>();
        for (Command c : cmds) {
            mine.add(store.apply(c));
            theirs.add(other.apply(c));
        }
        assertEquals(mine, theirs);
        assertEquals(r("smembers", "s"), RespTwoView.of(other.apply(Command.Redis.of("smembers", "s"))));
        assertEquals(num(39), r("scard", "s"));
    }

    @Test
    void srandmember() {
        assertEquals(nil(), r("srandmember", "nokey"));
        assertEquals(arr(), r("srandmember", "nokey", "-2"));
        r("sadd", "s", "a", "b", "c");
        long v = version("s");
        Set<String> members = Set.of("a", "b", "c");
        assertTrue(members.contains(((Result.Value) r("srandmember", "s")).value().orElseThrow().utf8()));
        assertEquals(strs("a", "b", "c"), r("srandmember", "s", "5"));
        List<String> two = texts(r("srandmember", "s", "2"));
        assertEquals(2, new HashSet<>(two).size());
        assertTrue(members.containsAll(two));
        List<String> repeats = texts(r("srandmember", "s", "-10"));
        assertEquals(10, repeats.size());
        assertTrue(members.containsAll(repeats));
        assertEquals(arr(), r("srandmember", "s", "0"));
        assertEquals(err(RedisError.NOT_AN_INTEGER), r("srandmember", "s", "x"));
        assertEquals(err(RedisError.SYNTAX), r("srandmember", "s", "1", "2"));
        assertEquals(num(3), r("scard", "s"));
        assertEquals(v, version("s"));
    }

    @Test
    void interUnionDiff() {
        r("sadd", "x", "a", "b", "c", "d");
        r("sadd", "y", "c", "d", "e");
        r("sadd", "z", "a", "c", "e");
        assertEquals(strs("c"), r("sinter", "x", "y", "z"));
        assertEquals(strs("c", "d"), r("sinter", "x", "y"));
        assertEquals(arr(), r("sinter", "x", "nokey"));
        assertEquals(strs("a", "b", "c", "d", "e"), r("sunion", "x", "nokey", "y"));
        assertEquals(strs("b"), r("sdiff", "x", "y", "z"));
        assertEquals(arr(), r("sdiff", "nokey", "x"));
        assertEquals(strs("a", "b", "c", "d"), r("sdiff", "x", "nokey"));
        putString("str");
        assertEquals(err(WRONGTYPE), r("sinter", "nokey", "str"));
        assertEquals(err(WRONGTYPE), r("sunion", "x", "str"));
        assertEquals(err(WRONGTYPE), r("sdiff", "x", "str"));
    }

    @Test
    void storeVariantsReplaceTheDestination() {
        r("sadd", "x", "a", "b", "c");
        r("sadd", "y", "b", "c", "d");
        putString("dst");
        assertEquals(num(2), r("sinterstore", "dst", "x", "y"));
        assertEquals(strs("b", "c"), r("smembers", "dst"));
        assertEquals(num(4), r("sunionstore", "dst", "dst", "x", "y"));
        assertEquals(strs("a", "b", "c", "d"), r("smembers", "dst"));
        assertEquals(num(1), r("sdiffstore", "dst", "x", "y"));
        assertEquals(strs("a"), r("smembers", "dst"));
        r("sadd", "x", "new");
        assertEquals(strs("a"), r("smembers", "dst"), "the stored set is a copy");
        assertEquals(num(0), r("sinterstore", "dst", "x", "nokey"));
        assertFalse(exists("dst"));
        putString("str");
        r("sadd", "dst", "keep");
        assertEquals(err(WRONGTYPE), r("sunionstore", "dst", "x", "str"));
        assertEquals(strs("keep"), r("smembers", "dst"));
        assertEquals(num(0), r("sdiffstore", "str", "nokey"));
        assertFalse(exists("str"));
    }

    @Test
    void smove() {
        r("sadd", "src", "a", "b");
        putString("str");
        assertEquals(num(0), r("smove", "nokey", "str", "a"), "a missing source wins over a wrong destination");
        assertEquals(err(WRONGTYPE), r("smove", "src", "str", "a"));
        assertEquals(err(WRONGTYPE), r("smove", "str", "src", "a"));
        assertEquals(num(2), r("scard", "src"));
        assertEquals(num(0), r("smove", "src", "dst", "zz"));
        assertFalse(exists("dst"));
        assertEquals(num(1), r("smove", "src", "src", "a"));
        assertEquals(num(0), r("smove", "src", "src", "zz"));
        assertEquals(num(1), r("smove", "src", "dst", "a"));
        assertEquals(strs("a"), r("smembers", "dst"));
        assertEquals(num(1), r("smove", "src", "dst", "b"));
        assertFalse(exists("src"));
        assertEquals(strs("a", "b"), r("smembers", "dst"));
    }

    @Test
    void sintercard() {
        r("sadd", "x", "a", "b", "c", "d");
        r("sadd", "y", "b", "c", "d", "e");
        assertEquals(num(3), r("sintercard", "2", "x", "y"));
        assertEquals(num(2), r("sintercard", "2", "x", "y", "LIMIT", "2"));
        assertEquals(num(3), r("sintercard", "2", "x", "y", "limit", "0"));
        assertEquals(num(4), r("sintercard", "1", "x"));
        assertEquals(num(0), r("sintercard", "2", "x", "nokey"));
        assertEquals(err("ERR numkeys should be greater than 0"), r("sintercard", "0", "x"));
        assertEquals(err("ERR numkeys should be greater than 0"), r("sintercard", "x", "x"));
        assertEquals(err("ERR Number of keys can't be greater than number of args"), r("sintercard", "3", "x", "y"));
        assertEquals(err("ERR LIMIT can't be negative"), r("sintercard", "1", "x", "limit", "-1"));
        assertEquals(err(RedisError.SYNTAX), r("sintercard", "1", "x", "limit"));
        assertEquals(err(RedisError.SYNTAX), r("sintercard", "1", "x", "y"));
        putString("str");
        assertEquals(err(WRONGTYPE), r("sintercard", "2", "nokey", "str"));
        assertEquals(List.of(Bytes.utf8("x"), Bytes.utf8("y"), Bytes.utf8("LIMIT"), Bytes.utf8("2")),
                Command.Redis.of("sintercard", "2", "x", "y", "LIMIT", "2").keys(), "over-approximated keys");
    }

    @Test
    void sscan() {
        r("sadd", "s", "b1", "a1", "a2");
        assertEquals(arr(bulk("0"), strs("a1", "a2", "b1")), r("sscan", "s", "0"));
        assertEquals(arr(bulk("0"), strs("a1", "a2")), r("sscan", "s", "0", "match", "a*", "count", "100"));
        assertEquals(arr(bulk("0"), arr()), r("sscan", "nokey", "0"));
        assertEquals(err("ERR invalid cursor"), r("sscan", "s", "x"));
        assertEquals(err("ERR NOVALUES option can only be used in HSCAN"), r("sscan", "s", "0", "novalues"));
        assertEquals(err(RedisError.SYNTAX), r("sscan", "s", "0", "type", "set"));
    }

    @Test
    void setCommandsOnAStringAreWrongType() {
        putString("s");
        for (String[] c : new String[][] {
                {"sadd", "s", "m"}, {"srem", "s", "m"}, {"smembers", "s"}, {"sismember", "s", "m"},
                {"smismember", "s", "m"}, {"scard", "s"}, {"spop", "s"}, {"spop", "s", "1"},
                {"srandmember", "s"}, {"srandmember", "s", "1"}, {"sinter", "s"}, {"sunion", "s"},
                {"sdiff", "s"}, {"sinterstore", "d", "s"}, {"sscan", "s", "0"}}) {
            assertEquals(err(WRONGTYPE), r(c), String.join(" ", c));
        }
        assertFalse(exists("d"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("sadd", "s"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("sinterstore", "d"));
        assertThrows(IllegalArgumentException.class, () -> Command.Redis.of("smove", "a", "b"));
    }

    @Test
    void readOnlyFlagsAndKeys() {
        assertTrue(Command.Redis.of("sinter", "a", "b").isReadOnly());
        assertFalse(Command.Redis.of("spop", "a").isReadOnly());
        assertTrue(Command.Redis.of("hrandfield", "a").isReadOnly());
        assertEquals(List.of(Bytes.utf8("d"), Bytes.utf8("a")), Command.Redis.of("sunionstore", "d", "a", "d").keys());
        assertEquals(List.of(Bytes.utf8("a"), Bytes.utf8("b")), Command.Redis.of("smove", "a", "b", "m").keys());
    }

    // ---------------------------------------------------------------- glob

    private static boolean glob(String pattern, String subject) {
        return Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), subject.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void globMatchesLikeRedis() {
        Object[][] cases = { // pattern, subject, matches
            {"h?llo", "hello", true}, {"h?llo", "hllo", false}, {"h*llo", "hllo", true},
            {"h*llo", "heeeello", true}, {"*", "anything", true},
            {"*", "", false}, // Redis: an empty subject matches only an empty pattern
            {"", "", true}, {"a**", "a", true}, {"*b*d", "abcbd", true}, {"*b*d", "abcbe", false},
            {"h[ae]llo", "hallo", true}, {"h[ae]llo", "hillo", false}, {"h[^e]llo", "hallo", true},
            {"h[^e]llo", "hello", false}, {"h[a-b]llo", "hbllo", true},
            {"h[b-a]llo", "hallo", true}, // a reversed range
            {"h[a-b]llo", "hcllo", false}, {"[\\]]", "]", true}, {"[a\\-z]", "-", true},
            {"[a\\-z]", "m", false}, {"\\*", "*", true}, {"\\*", "a", false}, {"a\\?", "a?", true},
            {"a\\?", "ab", false},
            {"ab\\", "ab\\", true}, // a trailing backslash is literal
            {"[abc", "c", true}, // an unterminated class runs to the end
            {"[abc", "cd", false}, {"[^", "q", true}, {"[", "q", false}, {"abc", "abcd", false},
            {"abcd", "abc", false},
            {"a\u0000*", "a\u0000bc", true}, // binary-safe
            {"[a-\u00ff]", "\u00f0", true}, // bytes compare unsigned (signed chars would not match)
            {"[a-z]", "m", true}, {"[a-z]", "\u00f0", false},
            {"*" + "a*".repeat(1200), "a".repeat(1200), false}, // nesting limit
            {"*" + "a*".repeat(900), "a".repeat(900), true},
            {"*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(200) + "b", true},
            {"*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(200), false}, // fails fast, not exponentially
        };
        for (Object[] c : cases) {
            assertEquals(c[2], glob((String) c[0], (String) c[1]), c[0] + " ~ " + c[1]);
        }
    }
}
