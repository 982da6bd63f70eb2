package dev.lockstep.server.clients;

import static dev.lockstep.server.clients.AppWorkload.assertBetween;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/** The application on Jedis: a connection to the first replica, and one to each replica on demand. */
final class JedisWorkload implements AppWorkload {
    private final List<HostAndPort> replicas;
    private final JedisClientConfig config;
    private final String p;
    private final List<Jedis> opened = new ArrayList<>();
    private final Jedis r;

    /** Talks to {@code replicas.get(0)} with {@code protocol}; every key it writes starts with {@code prefix}. */
    JedisWorkload(List<HostAndPort> replicas, RedisProtocol protocol, String prefix) {
        this.replicas = replicas;
        this.config = ClientCluster.jedisConfig(protocol);
        this.p = prefix;
        this.r = connect(replicas.get(0));
        assertEquals("PONG", r.ping(), "PING");
    }

    private Jedis connect(HostAndPort where) {
        Jedis j = new Jedis(where, config);
        opened.add(j);
        return j;
    }

    private String k(String name) {
        return p + name;
    }

    @Override
    public void strings() {
        assertEquals("OK", r.set(k("greeting"), "hello"), "SET");
        assertEquals("hello", r.get(k("greeting")), "GET");
        assertNull(r.get(k("missing")), "GET of a missing key");
        assertNull(r.set(k("greeting"), "other", SetParams.setParams().nx()), "SET NX of an existing key");
        assertEquals("OK", r.set(k("greeting"), "hi", SetParams.setParams().xx()), "SET XX of an existing key");
        assertEquals("OK", r.mset(k("a"), "1", k("b"), "2"), "MSET");
        assertEquals(Arrays.asList("1", "2", null), r.mget(k("a"), k("b"), k("missing")), "MGET");
        assertEquals(1, r.incr(k("visits")), "INCR of a new counter");
        assertEquals(2, r.incr(k("visits")), "INCR");
        assertEquals(12, r.incrBy(k("visits"), 10), "INCRBY");
        assertEquals(10, r.decrBy(k("visits"), 2), "DECRBY");
        assertEquals(9, r.decr(k("visits")), "DECR");
        assertEquals("9", r.get(k("visits")), "GET of a counter");
        assertEquals(2, r.exists(k("a"), k("b"), k("missing")), "EXISTS of 3 keys, 2 present");
        assertEquals(2, r.del(k("a"), k("b"), k("missing")), "DEL of 3 keys, 2 present");
        JedisDataException e = assertThrows(JedisDataException.class, () -> r.incr(k("greeting")),
                "INCR of a non-integer");
        assertEquals("ERR value is not an integer or out of range", e.getMessage(), "INCR of a non-integer");
    }

    @Override
    public void multi() {
        r.set(k("tx"), "1");
        Transaction t = r.multi();
        t.incr(k("tx"));
        t.set(k("tx2"), "x");
        t.get(k("tx2"));
        t.mget(k("tx"), k("tx2"));
        assertEquals(List.of(2L, "OK", "x", List.of("2", "x")), t.exec(), "MULTI INCR SET GET MGET EXEC");
    }

    @Override
    public void cache() {
        assertEquals("OK", r.set(k("page:/home"), "<html>", SetParams.setParams().ex(100)), "SET EX 100");
        assertBetween(99, 100, r.ttl(k("page:/home")), "TTL right after SET EX 100");
        assertEquals("OK", r.set(k("page:/about"), "<html>", SetParams.setParams().px(100_000)), "SET PX 100000");
        assertBetween(95_000, 100_000, r.pttl(k("page:/about")), "PTTL right after SET PX 100000");
        r.set(k("page:/forever"), "x");
        assertEquals(-1, r.ttl(k("page:/forever")), "TTL of a key without expiry");
        assertEquals(-2, r.ttl(k("page:/missing")), "TTL of a missing key");
        assertEquals(1, r.expire(k("page:/forever"), 50), "EXPIRE of an existing key");
        assertBetween(49, 50, r.ttl(k("page:/forever")), "TTL after EXPIRE 50");
        assertEquals(0, r.expire(k("page:/missing"), 50), "EXPIRE of a missing key");
        assertEquals("OK", r.set(k("page:/forever"), "y"), "SET without EX");
        assertEquals(-1, r.ttl(k("page:/forever")), "TTL after a SET without EX (it clears the TTL)");
        assertEquals(1, r.expire(k("page:/forever"), 50), "EXPIRE");
        assertEquals(1, r.persist(k("page:/forever")), "PERSIST of a key with a TTL");
        assertEquals(-1, r.ttl(k("page:/forever")), "TTL after PERSIST");
    }

    @Override
    public void expiry() throws InterruptedException {
        assertEquals("OK", r.set(k("flash"), "v", SetParams.setParams().ex(1)), "SET k v EX 1 via " + replicas.get(0));
        List<Jedis> each = replicas.stream().map(this::connect).toList();
        for (int i = 0; i < each.size(); i++) {
            assertEquals("v", each.get(i).get(k("flash")), "GET right after SET EX 1, via " + replicas.get(i));
        }
        Thread.sleep(EXPIRY_WAIT_MS);
        for (int i = 0; i < each.size(); i++) {
            assertNull(each.get(i).get(k("flash")), "GET 1.5 s after SET EX 1, via " + replicas.get(i));
            assertFalse(each.get(i).exists(k("flash")), "EXISTS after expiry, via " + replicas.get(i));
            assertEquals(-2, each.get(i).ttl(k("flash")), "TTL after expiry, via " + replicas.get(i));
        }
    }

    @Override
    public void session() {
        String s = k("session:42");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", "ada");
        fields.put("cart", "0");
        fields.put("theme", "dark");
        assertEquals(3, r.hset(s, fields), "HSET of 3 new fields");
        assertEquals(fields, r.hgetAll(s), "HGETALL");
        assertEquals("ada", r.hget(s, "user"), "HGET");
        assertNull(r.hget(s, "nope"), "HGET of a missing field");
        assertEquals(3, r.hincrBy(s, "cart", 3), "HINCRBY");
        assertEquals(2, r.hincrBy(s, "cart", -1), "HINCRBY -1");
        assertEquals(0, r.hset(s, "theme", "light"), "HSET of an existing field");
        assertEquals(Arrays.asList("ada", "light", null), r.hmget(s, "user", "theme", "nope"), "HMGET");
        assertEquals(3, r.hlen(s), "HLEN");
        assertTrue(r.hexists(s, "user"), "HEXISTS of a field");
        assertFalse(r.hexists(s, "nope"), "HEXISTS of a missing field");
        assertEquals(1, r.hdel(s, "theme", "nope"), "HDEL of one present and one missing field");
        assertEquals(Map.of("user", "ada", "cart", "2"), r.hgetAll(s), "HGETALL after HDEL and HINCRBY");
        assertEquals(1, r.expire(s, 1800), "EXPIRE of the session");
        assertBetween(1799, 1800, r.ttl(s), "TTL of the session");
        assertEquals(Map.of(), r.hgetAll(k("session:none")), "HGETALL of a missing hash");
        r.set(k("session:string"), "x");
        JedisDataException e = assertThrows(JedisDataException.class, () -> r.hget(k("session:string"), "f"),
                "HGET of a string");
        assertTrue(e.getMessage().startsWith("WRONGTYPE"), "HGET of a string: " + e.getMessage());
    }

    /** Moves amount from src to dst with WATCH/MULTI/EXEC; returns the attempts it took. */
    private int move(Jedis j, String src, String dst, long amount, Runnable interfere) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals("OK", j.watch(src, dst), "WATCH");
            long balance = Long.parseLong(j.get(src));
            assertTrue(balance >= amount, "funds");
            if (interfere != null && attempt == 1) {
                interfere.run();
            }
            Transaction t = j.multi();
            t.decrBy(src, amount);
            t.incrBy(dst, amount);
            List<Object> done = t.exec();
            if (done != null) {
                assertEquals(List.of(balance - amount), done.subList(0, 1), "EXEC's DECRBY");
                return attempt;
            }
        }
        throw new AssertionError("the transfer still conflicted after 5 attempts");
    }

    @Override
    public void transfer() {
        Jedis other = connect(replicas.get(1));
        String src = k("account:a");
        String dst = k("account:b");
        String where = " (watching via " + replicas.get(0) + ", the other client via " + replicas.get(1) + ")";
        r.mset(src, "100", dst, "0");
        assertEquals(1, move(r, src, dst, 30, null), "a transfer without interference takes one attempt" + where);
        assertEquals(List.of("70", "30"), r.mget(src, dst), "balances after one transfer" + where);
        List<Long> deposited = new ArrayList<>();
        assertEquals(2, move(r, src, dst, 20, () -> deposited.add(other.incrBy(src, 5))),
                "a transfer whose watched key another client changed before EXEC retries once" + where);
        assertEquals(List.of(75L), deposited, "the other client's INCRBY" + where);
        assertEquals(List.of("55", "50"), r.mget(src, dst), "balances after the retried transfer" + where);
    }

    @Override
    public void watchAbort() {
        for (int i = 0; i < replicas.size(); i++) {
            Jedis watcher = connect(replicas.get(i));
            Jedis other = connect(replicas.get((i + 1) % replicas.size()));
            String key = k("watched:" + i);
            String where = " (watching via " + replicas.get(i) + ", the other client via "
                    + replicas.get((i + 1) % replicas.size()) + ")";
            r.set(key, "100");
            assertEquals("OK", watcher.watch(key), "WATCH" + where);
            assertEquals("OK", other.set(key, "0"), "the other client's SET" + where);
            Transaction t = watcher.multi();
            t.set(key, "999");
            assertNull(t.exec(), "Transaction.exec() after the watched key changed" + where);
            assertEquals("0", r.get(key), "the aborted transaction's SET did not run" + where);
            assertEquals("OK", watcher.watch(key), "WATCH" + where);
            assertEquals("OK", watcher.unwatch(), "UNWATCH" + where);
            other.set(key, "1");
            Transaction u = watcher.multi();
            u.set(key, "2");
            assertEquals(List.of("OK"), u.exec(), "EXEC after UNWATCH" + where);
            assertEquals("2", r.get(key), "value after the UNWATCH transaction" + where);
            Transaction v = watcher.multi(); // EXEC clears the watch: a later change does not abort
            other.set(key, "3");
            v.incr(key);
            assertEquals(List.of(4L), v.exec(), "EXEC without WATCH after an earlier EXEC" + where);
        }
    }

    @Override
    public void queue() {
        String q = k("jobs");
        assertEquals(3, r.rpush(q, "j1", "j2", "j3"), "RPUSH of 3");
        assertEquals(4, r.rpush(q, "j4"), "RPUSH");
        assertEquals(5, r.lpush(q, "j0"), "LPUSH");
        assertEquals(5, r.llen(q), "LLEN");
        assertEquals(List.of("j0", "j1", "j2", "j3", "j4"), r.lrange(q, 0, -1), "LRANGE 0 -1");
        assertEquals(List.of("j1", "j2"), r.lrange(q, 1, 2), "LRANGE 1 2");
        assertEquals("j0", r.lpop(q), "LPOP");
        assertEquals("j1", r.lpop(q), "LPOP");
        assertEquals("j4", r.rpop(q), "RPOP");
        assertEquals(2, r.llen(q), "LLEN after pops");
        assertEquals("j2", r.lpop(q), "LPOP");
        assertEquals("j3", r.lpop(q), "LPOP of the last");
        assertNull(r.lpop(q), "LPOP of an empty list");
        assertEquals(0, r.llen(q), "LLEN of an empty list");
        assertFalse(r.exists(q), "EXISTS of an emptied list");
        assertEquals(List.of(), r.lrange(q, 0, -1), "LRANGE of a missing list");
    }

    @Override
    public void leaderboard() {
        String b = k("leaderboard");
        assertEquals(3, r.zadd(b, Map.of("ada", 100.0, "bob", 80.0, "cy", 95.0)), "ZADD of 3 new");
        assertEquals(0, r.zadd(b, 85, "bob"), "ZADD of an existing member");
        assertEquals(105.0, r.zincrby(b, 20, "bob"), "ZINCRBY");
        assertEquals(1.5, r.zincrby(b, 1.5, "dee"), "ZINCRBY of a new member");
        assertEquals(List.of(new Tuple("bob", 105.0), new Tuple("ada", 100.0), new Tuple("cy", 95.0),
                new Tuple("dee", 1.5)), r.zrevrangeWithScores(b, 0, -1), "ZREVRANGE 0 -1 WITHSCORES");
        assertEquals(List.of("bob", "ada"), r.zrevrange(b, 0, 1), "ZREVRANGE 0 1");
        assertEquals(List.of("dee", "cy", "ada", "bob"), r.zrange(b, 0, -1), "ZRANGE 0 -1");
        assertEquals(2L, r.zrank(b, "ada"), "ZRANK");
        assertEquals(1L, r.zrevrank(b, "ada"), "ZREVRANK");
        assertNull(r.zrank(b, "nobody"), "ZRANK of a missing member");
        assertEquals(95.0, r.zscore(b, "cy"), "ZSCORE");
        assertNull(r.zscore(b, "nobody"), "ZSCORE of a missing member");
        assertEquals(4, r.zcard(b), "ZCARD");
        assertEquals(1, r.zrem(b, "dee", "nobody"), "ZREM of one present and one missing member");
        assertEquals(List.of(new Tuple("bob", 105.0), new Tuple("ada", 100.0), new Tuple("cy", 95.0)),
                r.zrevrangeWithScores(b, 0, -1), "ZREVRANGE WITHSCORES after ZREM");
    }

    @Override
    public void sets() {
        String t = k("tags:post:1");
        assertEquals(3, r.sadd(t, "redis", "java", "python"), "SADD of 3 new");
        assertEquals(1, r.sadd(t, "python", "raft"), "SADD of 1 new and 1 present");
        assertTrue(r.sismember(t, "raft"), "SISMEMBER of a member");
        assertFalse(r.sismember(t, "go"), "SISMEMBER of a non-member");
        assertEquals(Set.of("redis", "java", "python", "raft"), r.smembers(t), "SMEMBERS");
        assertEquals(4, r.scard(t), "SCARD");
        assertEquals(1, r.srem(t, "java", "go"), "SREM of one member and one non-member");
        assertEquals(Set.of("redis", "python", "raft"), r.smembers(t), "SMEMBERS after SREM");
        assertEquals(Set.of(), r.smembers(k("tags:none")), "SMEMBERS of a missing set");
    }

    private List<String> scanAll(ScanParams params, String type) {
        List<String> seen = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        do {
            ScanResult<String> page = type == null ? r.scan(cursor, params) : r.scan(cursor, params, type);
            seen.addAll(page.getResult());
            cursor = page.getCursor();
            assertTrue(++calls < 1_000, "SCAN ends (cursor " + cursor + " after " + calls + " calls)");
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return seen;
    }

    @Override
    public void keyspace() {
        assertEquals("OK", r.select(0), "SELECT 0");
        assertEquals("OK", r.flushDB(), "FLUSHDB");
        assertEquals(0, r.dbSize(), "DBSIZE after FLUSHDB");
        assertEquals(Set.of(), r.keys("*"), "KEYS * after FLUSHDB");
        Set<String> users = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
            String u = k(String.format("user:%02d", i));
            r.set(u, "u" + i);
            users.add(u);
        }
        r.hset(k("h"), "f", "v");
        r.rpush(k("l"), "x");
        r.sadd(k("s"), "x");
        r.zadd(k("z"), 1, "x");
        Set<String> everything = new TreeSet<>(users);
        everything.addAll(List.of(k("h"), k("l"), k("s"), k("z")));
        assertEquals(everything.size(), r.dbSize(), "DBSIZE");
        assertEquals(everything, new TreeSet<>(r.keys("*")), "KEYS *");
        assertEquals(users, new TreeSet<>(r.keys(k("user:*"))), "KEYS user:*");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> k("user:0" + i)).collect(Collectors.toSet()),
                r.keys(k("user:0?")), "KEYS user:0?");
        assertEquals(Set.of(), r.keys(k("nothing*")), "KEYS of no match");
        List<String> scanned = scanAll(new ScanParams().match(k("user:*")).count(3), null);
        assertEquals(new ArrayList<>(users), scanned.stream().sorted().toList(),
                "SCAN MATCH user:* COUNT 3 returns every user once");
        assertEquals(everything, new TreeSet<>(scanAll(new ScanParams().count(5), null)), "SCAN COUNT 5");
        ScanResult<String> one = r.scan(ScanParams.SCAN_POINTER_START, new ScanParams().match(k("*")).count(1000));
        assertEquals(ScanParams.SCAN_POINTER_START, one.getCursor(), "one SCAN COUNT 1000 ends the iteration");
        assertEquals(everything, new TreeSet<>(one.getResult()), "one SCAN COUNT 1000 covers everything");
        assertEquals(List.of(k("h")), scanAll(new ScanParams(), "hash"), "SCAN TYPE hash");
        assertEquals("string", r.type(k("user:00")), "TYPE of a string");
        assertEquals("hash", r.type(k("h")), "TYPE of a hash");
        assertEquals("list", r.type(k("l")), "TYPE of a list");
        assertEquals("set", r.type(k("s")), "TYPE of a set");
        assertEquals("zset", r.type(k("z")), "TYPE of a sorted set");
        assertEquals("none", r.type(k("missing")), "TYPE of a missing key");
        assertEquals(4, r.del(k("h"), k("l"), k("s"), k("z")), "DEL of a hash, a list, a set and a sorted set");
        assertEquals(users.size(), r.dbSize(), "DBSIZE after DEL");
    }

    @Override
    public void close() {
        opened.forEach(Jedis::close);
    }
}
