package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStore;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListZSetCommandsTest {
    private static final Result NIL = new Result.Value(Optional.empty());
    private static final Result OK = Result.Ok.INSTANCE;
    private static final Result EMPTY = new Result.Array(List.of());
    private static final Result WRONGTYPE = new Result.Error(RedisError.WRONG_TYPE);
    private static final Result SYNTAX = new Result.Error(RedisError.SYNTAX);
    private static final Result NOT_INT = new Result.Error(RedisError.NOT_AN_INTEGER);

    private final KvStore kv = new KvStore();

    private Result r(String... args) {
        return RespTwoView.of(kv.apply(Command.Redis.of(args)));
    }

    private static Result bulk(String s) {
        return new Result.Value(Optional.of(Bytes.utf8(s)));
    }

    private static Result arr(String... items) {
        List<Result> out = new ArrayList<>();
        for (String s : items) {
            out.add(bulk(s));
        }
        return new Result.Array(out);
    }

    private static Result arr(Result... items) {
        return new Result.Array(List.of(items));
    }

    private static Result i(long n) {
        return new Result.Int(n);
    }

    private static Result err(String message) {
        return new Result.Error(message);
    }

    private KeyEntry entry(String key) {
        return kv.keyspace().get(Bytes.utf8(key));
    }

    private void string(String key) {
        assertEquals(OK, kv.apply(new Command.Put(Bytes.utf8(key), Bytes.utf8("x"))));
    }

    // ---------------- lists ----------------

    @Test
    void pushesReturnLengthAndKeepOrder() {
        assertEquals(i(3), r("rpush", "l", "a", "b", "c"));
        assertEquals(i(5), r("lpush", "l", "y", "z"));
        assertEquals(arr("z", "y", "a", "b", "c"), r("lrange", "l", "0", "-1"));
        assertEquals(i(0), r("lpushx", "none", "a"));
        assertEquals(i(0), r("rpushx", "none", "a"));
        assertNull(entry("none"));
        assertEquals(i(6), r("rpushx", "l", "d"));
        assertEquals(i(7), r("lpushx", "l", "x"));
        assertEquals(i(7), r("llen", "l"));
        assertEquals(i(0), r("llen", "none"));
    }

    @Test
    void popsWithAndWithoutCount() {
        r("rpush", "l", "a", "b", "c", "d");
        assertEquals(bulk("a"), r("lpop", "l"));
        assertEquals(bulk("d"), r("rpop", "l"));
        assertEquals(EMPTY, r("lpop", "l", "0"));
        assertEquals(arr("c", "b"), r("rpop", "l", "5"));
        assertNull(entry("l"), "an emptied list vanishes");
        assertEquals(NIL, r("lpop", "l"));
        assertEquals(NIL, r("lpop", "l", "2"), "count on an absent key: nil array");
        assertEquals(NIL, r("rpop", "l", "0"));
        assertEquals(err("ERR value is out of range, must be positive"), r("lpop", "l", "-1"));
        assertEquals(err("ERR value is out of range, must be positive"), r("lpop", "l", "x"));
        assertEquals(err("ERR wrong number of arguments for 'lpop' command"), r("lpop", "l", "1", "2"));
        r("rpush", "m", "a", "b", "c");
        assertEquals(arr("a", "b"), r("lpop", "m", "2"));
    }

    @Test
    void lrangeClampsNegativeAndOutOfRangeIndexes() {
        r("rpush", "l", "a", "b", "c", "d", "e");
        assertEquals(arr("d", "e"), r("lrange", "l", "-2", "-1"));
        assertEquals(arr("a", "b", "c", "d", "e"), r("lrange", "l", "-100", "100"));
        assertEquals(arr("b", "c"), r("lrange", "l", "1", "2"));
        assertEquals(EMPTY, r("lrange", "l", "3", "1"));
        assertEquals(EMPTY, r("lrange", "l", "5", "10"));
        assertEquals(EMPTY, r("lrange", "l", "0", "-6"));
        assertEquals(arr("a"), r("lrange", "l", "-9", "0"));
        assertEquals(EMPTY, r("lrange", "none", "0", "-1"));
        assertEquals(NOT_INT, r("lrange", "l", "a", "1"));
        assertEquals(arr("e"), r("lrange", "l", "-1", "9223372036854775807"));
    }

    @Test
    void lindexAndLset() {
        r("rpush", "l", "a", "b", "c");
        assertEquals(bulk("a"), r("lindex", "l", "0"));
        assertEquals(bulk("c"), r("lindex", "l", "-1"));
        assertEquals(NIL, r("lindex", "l", "3"));
        assertEquals(NIL, r("lindex", "l", "-4"));
        assertEquals(NIL, r("lindex", "none", "0"));
        assertEquals(NOT_INT, r("lindex", "l", "x"));
        assertEquals(OK, r("lset", "l", "-1", "z"));
        assertEquals(OK, r("lset", "l", "0", "y"));
        assertEquals(arr("y", "b", "z"), r("lrange", "l", "0", "-1"));
        assertEquals(err("ERR index out of range"), r("lset", "l", "3", "q"));
        assertEquals(err("ERR no such key"), r("lset", "none", "0", "q"));
        assertNull(entry("none"));
    }

    @Test
    void lremFromHeadTailOrAll() {
        r("rpush", "l", "x", "a", "x", "b", "x", "c", "x");
        assertEquals(i(2), r("lrem", "l", "2", "x"));
        assertEquals(arr("a", "b", "x", "c", "x"), r("lrange", "l", "0", "-1"));
        assertEquals(i(1), r("lrem", "l", "-1", "x"));
        assertEquals(arr("a", "b", "x", "c"), r("lrange", "l", "0", "-1"));
        assertEquals(i(0), r("lrem", "l", "0", "nope"));
        r("rpush", "l", "x");
        assertEquals(i(2), r("lrem", "l", "0", "x"));
        assertEquals(arr("a", "b", "c"), r("lrange", "l", "0", "-1"));
        assertEquals(i(0), r("lrem", "none", "0", "x"));
        r("rpush", "one", "q", "q");
        assertEquals(i(2), r("lrem", "one", "-5", "q"));
        assertNull(entry("one"));
    }

    @Test
    void ltrimKeepsTheRangeAndDeletesWhenEmpty() {
        r("rpush", "l", "a", "b", "c", "d", "e");
        assertEquals(OK, r("ltrim", "l", "1", "-2"));
        assertEquals(arr("b", "c", "d"), r("lrange", "l", "0", "-1"));
        assertEquals(OK, r("ltrim", "l", "-100", "100"));
        assertEquals(arr("b", "c", "d"), r("lrange", "l", "0", "-1"));
        assertEquals(OK, r("ltrim", "l", "2", "1"));
        assertNull(entry("l"));
        assertEquals(OK, r("ltrim", "none", "0", "1"));
        assertEquals(NOT_INT, r("ltrim", "l", "0", "z"));
    }

    @Test
    void linsertBeforeAndAfter() {
        r("rpush", "l", "a", "c");
        assertEquals(i(3), r("linsert", "l", "BEFORE", "c", "b"));
        assertEquals(i(4), r("linsert", "l", "after", "c", "d"));
        assertEquals(arr("a", "b", "c", "d"), r("lrange", "l", "0", "-1"));
        assertEquals(i(-1), r("linsert", "l", "after", "zz", "e"));
        assertEquals(i(0), r("linsert", "none", "after", "a", "e"));
        assertEquals(SYNTAX, r("linsert", "l", "middle", "a", "e"));
        assertEquals(i(4), r("llen", "l"));
    }

    @Test
    void lposWithRankCountAndMaxlen() {
        r("rpush", "l", "a", "b", "c", "1", "2", "3", "c", "c");
        assertEquals(i(2), r("lpos", "l", "c"));
        assertEquals(i(6), r("lpos", "l", "c", "RANK", "2"));
        assertEquals(i(7), r("lpos", "l", "c", "RANK", "-1"));
        assertEquals(i(6), r("lpos", "l", "c", "RANK", "-2"));
        assertEquals(arr(i(2), i(6)), r("lpos", "l", "c", "COUNT", "2"));
        assertEquals(arr(i(2), i(6), i(7)), r("lpos", "l", "c", "COUNT", "0"));
        assertEquals(arr(i(7), i(6)), r("lpos", "l", "c", "RANK", "-1", "COUNT", "2"));
        assertEquals(arr(i(2)), r("lpos", "l", "c", "COUNT", "0", "MAXLEN", "6"));
        assertEquals(NIL, r("lpos", "l", "c", "MAXLEN", "2"));
        assertEquals(NIL, r("lpos", "l", "zz"));
        assertEquals(EMPTY, r("lpos", "l", "zz", "COUNT", "1"));
        assertEquals(NIL, r("lpos", "none", "a"));
        assertEquals(EMPTY, r("lpos", "none", "a", "COUNT", "0"));
        assertEquals(err("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                + "or use negative to start from the end of the list"), r("lpos", "l", "c", "RANK", "0"));
        assertEquals(err("ERR COUNT can't be negative"), r("lpos", "l", "c", "COUNT", "-1"));
        assertEquals(err("ERR MAXLEN can't be negative"), r("lpos", "l", "c", "MAXLEN", "-1"));
        assertEquals(SYNTAX, r("lpos", "l", "c", "RANK"));
    }

    @Test
    void lmoveAndRpoplpush() {
        r("rpush", "src", "a", "b", "c");
        assertEquals(bulk("c"), r("rpoplpush", "src", "dst"));
        assertEquals(bulk("a"), r("lmove", "src", "dst", "LEFT", "RIGHT"));
        assertEquals(arr("c", "a"), r("lrange", "dst", "0", "-1"));
        assertEquals(bulk("b"), r("lmove", "src", "dst", "right", "left"));
        assertNull(entry("src"));
        assertEquals(arr("b", "c", "a"), r("lrange", "dst", "0", "-1"));
        assertEquals(NIL, r("lmove", "src", "dst", "LEFT", "LEFT"));
        assertEquals(bulk("b"), r("lmove", "dst", "dst", "LEFT", "RIGHT"), "same key rotates");
        assertEquals(arr("c", "a", "b"), r("lrange", "dst", "0", "-1"));
        r("rpush", "solo", "x");
        assertEquals(bulk("x"), r("rpoplpush", "solo", "solo"));
        assertEquals(arr("x"), r("lrange", "solo", "0", "-1"));
        assertEquals(SYNTAX, r("lmove", "dst", "o", "UP", "LEFT"));
        string("s");
        assertEquals(WRONGTYPE, r("lmove", "dst", "s", "LEFT", "LEFT"));
        assertEquals(arr("c", "a", "b"), r("lrange", "dst", "0", "-1"), "a failed move changes nothing");
        assertEquals(WRONGTYPE, r("rpoplpush", "s", "dst"));
    }

    @Test
    void listCommandsOnAStringAreWrongType() {
        string("s");
        for (String[] c : new String[][] {{"lpush", "s", "a"}, {"rpush", "s", "a"}, {"lpushx", "s", "a"},
                {"rpushx", "s", "a"}, {"lpop", "s"}, {"rpop", "s", "1"}, {"lrange", "s", "0", "1"}, {"llen", "s"},
                {"lindex", "s", "0"}, {"lset", "s", "0", "a"}, {"lrem", "s", "0", "a"}, {"ltrim", "s", "0", "1"},
                {"linsert", "s", "before", "a", "b"}, {"lpos", "s", "a"}}) {
            assertEquals(WRONGTYPE, r(c), String.join(" ", c));
        }
        assertEquals(Optional.of(Bytes.utf8("x")), kv.get(Bytes.utf8("s")));
    }

    @Test
    void writesBumpTheVersionAndFailedWritesDoNot() {
        r("rpush", "l", "a");
        long v1 = entry("l").version();
        r("rpush", "l", "b");
        long v2 = entry("l").version();
        assertNotEquals(v1, v2);
        r("lset", "l", "5", "x");
        r("lrem", "l", "0", "zz");
        assertEquals(v2, entry("l").version());
    }

    // ---------------- sorted sets ----------------

    @Test
    void zaddBasicsAndScoreFormatting() {
        assertEquals(i(3), r("zadd", "z", "1", "a", "1.5", "b", "inf", "c"));
        assertEquals(bulk("1"), r("zscore", "z", "a"));
        assertEquals(bulk("1.5"), r("zscore", "z", "b"));
        assertEquals(bulk("inf"), r("zscore", "z", "c"));
        assertEquals(NIL, r("zscore", "z", "nope"));
        assertEquals(NIL, r("zscore", "none", "a"));
        assertEquals(i(0), r("zadd", "z", "2", "a"));
        assertEquals(i(1), r("zadd", "z", "CH", "3", "a", "1.5", "b"));
        assertEquals(i(1), r("zadd", "z", "1", "d", "2", "d"), "a member repeated in one ZADD is added once");
        assertEquals(bulk("2"), r("zscore", "z", "d"));
        assertEquals(i(1), r("zadd", "z", "-inf", "e"));
        assertEquals(arr(bulk("3"), NIL, bulk("-inf")), r("zmscore", "z", "a", "nope", "e"));
        assertEquals(arr(NIL, NIL), r("zmscore", "none", "a", "b"));
        assertEquals(i(5), r("zcard", "z"));
        assertEquals(i(0), r("zcard", "none"));
        assertEquals(err("ERR value is not a valid float"), r("zadd", "z", "abc", "a"));
        assertEquals(err("ERR value is not a valid float"), r("zadd", "z", "nan", "a"));
        assertEquals(SYNTAX, r("zadd", "z", "1", "a", "2"));
        assertEquals(SYNTAX, r("zadd", "z", "nx", "ch"));
        assertEquals(i(1), r("zadd", "neg", "-0", "m"));
        assertEquals(bulk("0"), r("zscore", "neg", "m"));
        assertEquals(bulk("1e+20"), r("zincrby", "big", "1e20", "m"));
        assertEquals(bulk("0.1"), r("zincrby", "small", "0.1", "m"));
    }

    @Test
    void zaddFlagCombinations() {
        r("zadd", "z", "10", "a");
        assertEquals(i(1), r("zadd", "z", "NX", "1", "a", "2", "b"));
        assertEquals(bulk("10"), r("zscore", "z", "a"));
        assertEquals(i(0), r("zadd", "z", "XX", "5", "a", "3", "c"));
        assertEquals(bulk("5"), r("zscore", "z", "a"));
        assertEquals(NIL, r("zscore", "z", "c"));
        assertEquals(i(1), r("zadd", "z", "XX", "CH", "6", "a"));
        assertEquals(i(0), r("zadd", "z", "GT", "CH", "1", "a"));
        assertEquals(bulk("6"), r("zscore", "z", "a"));
        assertEquals(i(1), r("zadd", "z", "GT", "CH", "7", "a"));
        assertEquals(i(1), r("zadd", "z", "LT", "CH", "1", "a"));
        assertEquals(i(1), r("zadd", "z", "GT", "9", "new"), "GT still adds new members");
        assertEquals(i(0), r("zadd", "z", "XX", "GT", "100", "absent"));
        assertEquals(err("ERR XX and NX options at the same time are not compatible"), r("zadd", "z", "nx", "xx", "1", "a"));
        String glnx = "ERR GT, LT, and/or NX options at the same time are not compatible";
        assertEquals(err(glnx), r("zadd", "z", "gt", "lt", "1", "a"));
        assertEquals(err(glnx), r("zadd", "z", "nx", "gt", "1", "a"));
        assertEquals(err(glnx), r("zadd", "z", "lt", "nx", "1", "a"));
        assertEquals(err("ERR INCR option supports a single increment-element pair"),
                r("zadd", "z", "incr", "1", "a", "2", "b"));
        assertEquals(i(0), r("zadd", "nokey", "xx", "1", "a"));
        assertNull(entry("nokey"), "XX on an absent key creates nothing");
    }

    @Test
    void zaddIncrAndZincrby() {
        assertEquals(bulk("2.5"), r("zadd", "z", "INCR", "2.5", "a"));
        assertEquals(bulk("3.5"), r("zincrby", "z", "1", "a"));
        assertEquals(NIL, r("zadd", "z", "NX", "INCR", "1", "a"));
        assertEquals(NIL, r("zadd", "z", "XX", "INCR", "1", "b"));
        assertEquals(NIL, r("zadd", "z", "GT", "INCR", "-1", "a"));
        assertEquals(bulk("4.5"), r("zadd", "z", "GT", "INCR", "1", "a"));
        assertEquals(NIL, r("zadd", "none", "XX", "INCR", "1", "a"));
        assertNull(entry("none"));
        assertEquals(bulk("inf"), r("zincrby", "z", "+inf", "i"));
        assertEquals(err("ERR resulting score is not a number (NaN)"), r("zincrby", "z", "-inf", "i"));
        assertEquals(bulk("inf"), r("zscore", "z", "i"));
        assertEquals(err("ERR value is not a valid float"), r("zincrby", "z", "x", "a"));
        assertEquals(SYNTAX, r("zincrby", "z", "incr", "a"));
    }

    @Test
    void zremAndEmptiedKeysVanish() {
        r("zadd", "z", "1", "a", "2", "b");
        assertEquals(i(1), r("zrem", "z", "a", "nope"));
        assertEquals(i(0), r("zrem", "none", "a"));
        assertEquals(i(1), r("zrem", "z", "b", "b"));
        assertNull(entry("z"));
        assertEquals(i(0), r("zcard", "z"));
    }

    @Test
    void zcountWithExclusiveAndInfiniteBounds() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertEquals(i(4), r("zcount", "z", "-inf", "+inf"));
        assertEquals(i(2), r("zcount", "z", "(1", "3"));
        assertEquals(i(1), r("zcount", "z", "(1", "(3"));
        assertEquals(i(0), r("zcount", "z", "3", "1"));
        assertEquals(i(0), r("zcount", "z", "(2", "2"));
        assertEquals(i(1), r("zcount", "z", "2", "2"));
        assertEquals(i(0), r("zcount", "none", "0", "1"));
        assertEquals(err("ERR min or max is not a float"), r("zcount", "z", "x", "1"));
        assertEquals(err("ERR min or max is not a float"), r("zcount", "z", "1", "[2"));
        assertEquals(i(2), r("zlexcount", "z", "[a", "(c"));
    }

    @Test
    void zrangeByRankWithRevAndScores() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c", "1.5", "d");
        assertEquals(arr("a", "d", "b", "c"), r("zrange", "z", "0", "-1"));
        assertEquals(arr("b", "c"), r("zrange", "z", "-2", "100"));
        assertEquals(EMPTY, r("zrange", "z", "3", "1"));
        assertEquals(arr("c", "b"), r("zrange", "z", "0", "1", "REV"));
        assertEquals(arr("c", "3", "b", "2"), r("zrevrange", "z", "0", "1", "withscores"));
        assertEquals(arr("a", "1", "d", "1.5"), r("zrange", "z", "0", "1", "WITHSCORES"));
        assertEquals(EMPTY, r("zrange", "none", "0", "-1"));
        assertEquals(err("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                r("zrange", "z", "0", "-1", "LIMIT", "0", "1"));
        assertEquals(SYNTAX, r("zrevrange", "z", "0", "-1", "REV"));
        assertEquals(SYNTAX, r("zrange", "z", "0", "-1", "bogus"));
        assertEquals(NOT_INT, r("zrange", "z", "a", "-1"));
        r("zadd", "t", "1", "b", "1", "a", "1", "c");
        assertEquals(arr("a", "b", "c"), r("zrange", "t", "0", "-1"), "equal scores order by member");
    }

    @Test
    void zrangeByScoreWithLimitAndReverse() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertEquals(arr("b", "c", "d"), r("zrange", "z", "2", "4", "BYSCORE"));
        assertEquals(arr("c", "d"), r("zrange", "z", "(2", "4", "BYSCORE", "LIMIT", "0", "2"));
        assertEquals(arr("d", "4", "e", "5"), r("zrange", "z", "(2", "+inf", "BYSCORE", "LIMIT", "1", "-1", "WITHSCORES"));
        assertEquals(arr("e", "d", "c"), r("zrange", "z", "+inf", "3", "BYSCORE", "REV"));
        assertEquals(arr("d", "c"), r("zrange", "z", "(5", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2"));
        assertEquals(arr("a", "b"), r("zrangebyscore", "z", "-inf", "(3"));
        assertEquals(arr("b", "2"), r("zrangebyscore", "z", "-inf", "(3", "withscores", "limit", "1", "5"));
        assertEquals(arr("c", "b"), r("zrevrangebyscore", "z", "3", "(1", "LIMIT", "0", "2"));
        assertEquals(EMPTY, r("zrangebyscore", "z", "-inf", "+inf", "LIMIT", "5", "1"));
        assertEquals(EMPTY, r("zrangebyscore", "z", "-inf", "+inf", "LIMIT", "-1", "1"));
        assertEquals(EMPTY, r("zrangebyscore", "z", "-inf", "+inf", "LIMIT", "0", "0"));
        assertEquals(EMPTY, r("zrangebyscore", "z", "4", "2"));
        assertEquals(err("ERR min or max is not a float"), r("zrangebyscore", "z", "a", "2"));
        assertEquals(SYNTAX, r("zrangebyscore", "z", "1", "2", "BYSCORE"));
        assertEquals(SYNTAX, r("zrangebyscore", "z", "1", "2", "LIMIT", "1"));
        r("zadd", "inf", "-inf", "lo", "0", "mid", "+inf", "hi");
        assertEquals(arr("hi", "mid"), r("zrevrangebyscore", "inf", "+inf", "(-inf"));
        assertEquals(arr("lo", "-inf", "mid", "0", "hi", "inf"), r("zrange", "inf", "-inf", "inf", "byscore", "withscores"));
    }

    @Test
    void zrangeByLex() {
        r("zadd", "z", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
        assertEquals(arr("a", "b", "c"), r("zrange", "z", "-", "[c", "BYLEX"));
        assertEquals(arr("a", "b"), r("zrangebylex", "z", "-", "(c"));
        assertEquals(arr("c", "d", "e"), r("zrangebylex", "z", "[c", "+"));
        assertEquals(arr("b", "c"), r("zrangebylex", "z", "(a", "+", "LIMIT", "0", "2"));
        assertEquals(arr("e", "d"), r("zrange", "z", "+", "[d", "BYLEX", "REV"));
        assertEquals(arr("d", "c"), r("zrevrangebylex", "z", "(e", "-", "LIMIT", "0", "2"));
        assertEquals(EMPTY, r("zrangebylex", "z", "+", "-"));
        assertEquals(EMPTY, r("zrangebylex", "z", "[c", "(c"));
        assertEquals(arr("a", "b", "c", "d", "e"), r("zrangebylex", "z", "[", "+"), "[ alone is the empty string");
        assertEquals(i(3), r("zlexcount", "z", "[b", "[d"));
        assertEquals(err("ERR min or max not valid string range item"), r("zrangebylex", "z", "a", "+"));
        assertEquals(err("ERR min or max not valid string range item"), r("zrangebylex", "z", "-", "+x"));
        assertEquals(err("ERR min or max not valid string range item"), r("zlexcount", "z", "", "+"));
        assertEquals(err("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
                r("zrange", "z", "-", "+", "BYLEX", "WITHSCORES"));
        assertEquals(i(2), r("zremrangebylex", "z", "[b", "(d"));
        assertEquals(arr("a", "d", "e"), r("zrange", "z", "0", "-1"));
    }

    @Test
    void zrankAndZrevrank() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c");
        assertEquals(i(0), r("zrank", "z", "a"));
        assertEquals(i(2), r("zrank", "z", "c"));
        assertEquals(i(0), r("zrevrank", "z", "c"));
        assertEquals(arr(i(1), bulk("2")), r("zrank", "z", "b", "WITHSCORE"));
        assertEquals(arr(i(2), bulk("1")), r("zrevrank", "z", "a", "withscore"));
        assertEquals(NIL, r("zrank", "z", "nope"));
        assertEquals(NIL, r("zrank", "none", "a", "withscore"));
        assertEquals(SYNTAX, r("zrank", "z", "a", "bogus"));
        assertEquals(err("ERR wrong number of arguments for 'zrank' command"), r("zrank", "z", "a", "withscore", "x"));
    }

    @Test
    void zpopminAndZpopmax() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c");
        assertEquals(arr("a", "1"), r("zpopmin", "z"));
        assertEquals(arr("c", "3"), r("zpopmax", "z", "1"));
        assertEquals(EMPTY, r("zpopmin", "z", "0"));
        assertEquals(arr("b", "2"), r("zpopmax", "z", "10"));
        assertNull(entry("z"));
        assertEquals(EMPTY, r("zpopmin", "z"));
        assertEquals(err("ERR value is out of range, must be positive"), r("zpopmin", "z", "-1"));
        r("zadd", "y", "1", "a", "2", "b", "3", "c");
        assertEquals(arr("a", "1", "b", "2"), r("zpopmin", "y", "2"));
        assertEquals(i(1), r("zcard", "y"));
    }

    @Test
    void zremrangeByScoreAndRank() {
        r("zadd", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertEquals(i(2), r("zremrangebyscore", "z", "(1", "3"));
        assertEquals(arr("a", "d", "e"), r("zrange", "z", "0", "-1"));
        assertEquals(i(0), r("zremrangebyscore", "z", "10", "20"));
        assertEquals(i(1), r("zremrangebyrank", "z", "-1", "-1"));
        assertEquals(arr("a", "d"), r("zrange", "z", "0", "-1"));
        assertEquals(i(0), r("zremrangebyrank", "z", "5", "10"));
        assertEquals(i(2), r("zremrangebyrank", "z", "0", "-1"));
        assertNull(entry("z"));
        assertEquals(i(0), r("zremrangebyrank", "none", "0", "-1"));
        assertEquals(err("ERR min or max is not a float"), r("zremrangebyscore", "none", "x", "1"));
    }

    @Test
    void zscanReturnsEverythingWithCursorZero() {
        r("zadd", "z", "1", "apple", "2", "banana", "3", "avocado");
        assertEquals(arr(bulk("0"), arr("apple", "1", "banana", "2", "avocado", "3")), r("zscan", "z", "0"));
        assertEquals(arr(bulk("0"), arr("apple", "1", "avocado", "3")), r("zscan", "z", "0", "MATCH", "a*", "COUNT", "1"));
        assertEquals(arr(bulk("0"), EMPTY), r("zscan", "none", "0"));
        assertEquals(err("ERR invalid cursor"), r("zscan", "z", "x"));
        assertEquals(SYNTAX, r("zscan", "z", "0", "COUNT", "0"));
        assertEquals(SYNTAX, r("zscan", "z", "0", "MATCH"));
        assertEquals(NOT_INT, r("zscan", "z", "0", "COUNT", "x"));
    }

    @Test
    void zsetCommandsOnAStringAreWrongType() {
        string("s");
        for (String[] c : new String[][] {{"zadd", "s", "1", "a"}, {"zincrby", "s", "1", "a"}, {"zrem", "s", "a"},
                {"zscore", "s", "a"}, {"zmscore", "s", "a"}, {"zcard", "s"}, {"zcount", "s", "0", "1"},
                {"zrange", "s", "0", "1"}, {"zrangebyscore", "s", "0", "1"}, {"zrangebylex", "s", "-", "+"},
                {"zrevrange", "s", "0", "1"}, {"zrank", "s", "a"}, {"zpopmin", "s"}, {"zpopmax", "s", "2"},
                {"zremrangebyscore", "s", "0", "1"}, {"zremrangebyrank", "s", "0", "1"}, {"zscan", "s", "0"}}) {
            assertEquals(WRONGTYPE, r(c), String.join(" ", c));
        }
        r("rpush", "l", "a");
        assertEquals(WRONGTYPE, r("zadd", "l", "1", "a"));
        assertEquals(i(1), r("zadd", "zz", "1", "a"));
        assertEquals(WRONGTYPE, r("rpush", "zz", "a"));
        assertNotNull(entry("l"));
        assertEquals(i(1), r("zcard", "zz"));
    }
}
