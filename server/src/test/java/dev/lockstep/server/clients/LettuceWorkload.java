package dev.lockstep.server.clients;

import static dev.lockstep.server.clients.AppWorkload.assertBetween;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import redis.clients.jedis.HostAndPort;

/** The application on Lettuce's sync API: one connection to the first replica, others on demand. */
final class LettuceWorkload implements AppWorkload {
    private final List<HostAndPort> replicas;
    private final ClientResources resources;
    private final ProtocolVersion protocol;
    private final String p;
    private final List<RedisClient> clients = new ArrayList<>();
    private final RedisCommands<String, String> r;

    /**
     * Talks to {@code replicas.get(0)} with {@code protocol}, its clients sharing {@code resources}; every key
     * it writes starts with {@code prefix}.
     */
    LettuceWorkload(List<HostAndPort> replicas, ClientResources resources, ProtocolVersion protocol, String prefix) {
        this.replicas = replicas;
        this.resources = resources;
        this.protocol = protocol;
        this.p = prefix;
        this.r = connect(replicas.get(0));
        assertEquals("PONG", r.ping(), "PING");
    }

    private RedisCommands<String, String> connect(HostAndPort where) {
        RedisURI uri = RedisURI.builder().withHost(where.getHost()).withPort(where.getPort())
                .withTimeout(ClientCluster.CLIENT_TIMEOUT).build();
        RedisClient client = RedisClient.create(resources, uri);
        clients.add(client);
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(ClientCluster.CLIENT_TIMEOUT)).build());
        StatefulRedisConnection<String, String> connection = client.connect();
        return connection.sync();
    }

    private String k(String name) {
        return p + name;
    }

    @Override
    public void strings() {
        assertEquals("OK", r.set(k("greeting"), "hello"), "SET");
        assertEquals("hello", r.get(k("greeting")), "GET");
        assertNull(r.get(k("missing")), "GET of a missing key");
        assertNull(r.set(k("greeting"), "other", SetArgs.Builder.nx()), "SET NX of an existing key");
        assertEquals("OK", r.set(k("greeting"), "hi", SetArgs.Builder.xx()), "SET XX of an existing key");
        assertEquals("OK", r.mset(Map.of(k("a"), "1", k("b"), "2")), "MSET");
        assertEquals(List.of(KeyValue.just(k("a"), "1"), KeyValue.just(k("b"), "2"), KeyValue.empty(k("missing"))),
                r.mget(k("a"), k("b"), k("missing")), "MGET");
        assertEquals(1L, r.incr(k("visits")), "INCR of a new counter");
        assertEquals(2L, r.incr(k("visits")), "INCR");
        assertEquals(12L, r.incrby(k("visits"), 10), "INCRBY");
        assertEquals(10L, r.decrby(k("visits"), 2), "DECRBY");
        assertEquals(9L, r.decr(k("visits")), "DECR");
        assertEquals("9", r.get(k("visits")), "GET of a counter");
        assertEquals(2L, r.exists(k("a"), k("b"), k("missing")), "EXISTS of 3 keys, 2 present");
        assertEquals(2L, r.del(k("a"), k("b"), k("missing")), "DEL of 3 keys, 2 present");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> r.incr(k("greeting")), "INCR of a non-integer");
        assertEquals("ERR value is not an integer or out of range", e.getMessage(), "INCR of a non-integer");
    }

    @Override
    public void multi() {
        r.set(k("tx"), "1");
        assertEquals("OK", r.multi(), "MULTI");
        assertNull(r.incr(k("tx")), "a command queued in MULTI returns null on the sync API");
        r.set(k("tx2"), "x");
        r.get(k("tx2"));
        r.mget(k("tx"), k("tx2"));
        TransactionResult done = r.exec();
        assertFalse(done.wasDiscarded(), "EXEC's TransactionResult.wasDiscarded()");
        assertEquals(4, done.size(), "EXEC's result count");
        assertEquals(2L, (Long) done.get(0), "EXEC's INCR");
        assertEquals("OK", done.get(1), "EXEC's SET");
        assertEquals("x", done.get(2), "EXEC's GET");
        assertEquals(List.of(KeyValue.just(k("tx"), "2"), KeyValue.just(k("tx2"), "x")), done.get(3), "EXEC's MGET");
    }

    @Override
    public void cache() {
        assertEquals("OK", r.set(k("page:/home"), "<html>", SetArgs.Builder.ex(100)), "SET EX 100");
        assertBetween(99, 100, r.ttl(k("page:/home")), "TTL right after SET EX 100");
        assertEquals("OK", r.set(k("page:/about"), "<html>", SetArgs.Builder.px(100_000)), "SET PX 100000");
        assertBetween(95_000, 100_000, r.pttl(k("page:/about")), "PTTL right after SET PX 100000");
        r.set(k("page:/forever"), "x");
        assertEquals(-1L, r.ttl(k("page:/forever")), "TTL of a key without expiry");
        assertEquals(-2L, r.ttl(k("page:/missing")), "TTL of a missing key");
        assertEquals(true, r.expire(k("page:/forever"), 50), "EXPIRE of an existing key");
        assertBetween(49, 50, r.ttl(k("page:/forever")), "TTL after EXPIRE 50");
        assertEquals(false, r.expire(k("page:/missing"), 50), "EXPIRE of a missing key");
        assertEquals("OK", r.set(k("page:/forever"), "y"), "SET without EX");
        assertEquals(-1L, r.ttl(k("page:/forever")), "TTL after a SET without EX (it clears the TTL)");
        assertEquals(true, r.expire(k("page:/forever"), Duration.ofSeconds(50)), "EXPIRE");
        assertEquals(true, r.persist(k("page:/forever")), "PERSIST of a key with a TTL");
        assertEquals(-1L, r.ttl(k("page:/forever")), "TTL after PERSIST");
    }

    @Override
    public void expiry() throws InterruptedException {
        assertEquals("OK", r.set(k("flash"), "v", SetArgs.Builder.ex(1)), "SET k v EX 1 via " + replicas.get(0));
        List<RedisCommands<String, String>> each = replicas.stream().map(this::connect).toList();
        for (int i = 0; i < each.size(); i++) {
            assertEquals("v", each.get(i).get(k("flash")), "GET right after SET EX 1, via " + replicas.get(i));
        }
        Thread.sleep(EXPIRY_WAIT_MS);
        for (int i = 0; i < each.size(); i++) {
            assertNull(each.get(i).get(k("flash")), "GET 1.5 s after SET EX 1, via " + replicas.get(i));
            assertEquals(0L, each.get(i).exists(k("flash")), "EXISTS after expiry, via " + replicas.get(i));
            assertEquals(-2L, each.get(i).ttl(k("flash")), "TTL after expiry, via " + replicas.get(i));
        }
    }

    @Override
    public void session() {
        String s = k("session:42");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", "ada");
        fields.put("cart", "0");
        fields.put("theme", "dark");
        assertEquals(3L, r.hset(s, fields), "HSET of 3 new fields");
        assertEquals(fields, r.hgetall(s), "HGETALL");
        assertEquals("ada", r.hget(s, "user"), "HGET");
        assertNull(r.hget(s, "nope"), "HGET of a missing field");
        assertEquals(3L, r.hincrby(s, "cart", 3), "HINCRBY");
        assertEquals(2L, r.hincrby(s, "cart", -1), "HINCRBY -1");
        assertEquals(false, r.hset(s, "theme", "light"), "HSET of an existing field");
        assertEquals(List.of(KeyValue.just("user", "ada"), KeyValue.just("theme", "light"), KeyValue.empty("nope")),
                r.hmget(s, "user", "theme", "nope"), "HMGET");
        assertEquals(3L, r.hlen(s), "HLEN");
        assertEquals(true, r.hexists(s, "user"), "HEXISTS of a field");
        assertEquals(false, r.hexists(s, "nope"), "HEXISTS of a missing field");
        assertEquals(1L, r.hdel(s, "theme", "nope"), "HDEL of one present and one missing field");
        assertEquals(Map.of("user", "ada", "cart", "2"), r.hgetall(s), "HGETALL after HDEL and HINCRBY");
        assertEquals(true, r.expire(s, 1800), "EXPIRE of the session");
        assertBetween(1799, 1800, r.ttl(s), "TTL of the session");
        assertEquals(Map.of(), r.hgetall(k("session:none")), "HGETALL of a missing hash");
        r.set(k("session:string"), "x");
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> r.hget(k("session:string"), "f"), "HGET of a string");
        assertTrue(e.getMessage().startsWith("WRONGTYPE"), "HGET of a string: " + e.getMessage());
    }

    private int move(RedisCommands<String, String> c, String src, String dst, long amount, Runnable interfere) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals("OK", c.watch(src, dst), "WATCH");
            long balance = Long.parseLong(c.get(src));
            assertTrue(balance >= amount, "funds");
            if (interfere != null && attempt == 1) {
                interfere.run();
            }
            assertEquals("OK", c.multi(), "MULTI");
            c.decrby(src, amount);
            c.incrby(dst, amount);
            TransactionResult done = c.exec();
            if (!done.wasDiscarded()) {
                assertEquals(balance - amount, (Long) done.get(0), "EXEC's DECRBY");
                return attempt;
            }
            assertEquals(0, done.size(), "a discarded transaction has no results");
        }
        throw new AssertionError("the transfer still conflicted after 5 attempts");
    }

    @Override
    public void transfer() {
        RedisCommands<String, String> other = connect(replicas.get(1));
        String src = k("account:a");
        String dst = k("account:b");
        String where = " (watching via " + replicas.get(0) + ", the other client via " + replicas.get(1) + ")";
        r.mset(Map.of(src, "100", dst, "0"));
        assertEquals(1, move(r, src, dst, 30, null), "a transfer without interference takes one attempt" + where);
        assertEquals(List.of(KeyValue.just(src, "70"), KeyValue.just(dst, "30")), r.mget(src, dst),
                "balances after one transfer" + where);
        List<Long> deposited = new ArrayList<>();
        assertEquals(2, move(r, src, dst, 20, () -> deposited.add(other.incrby(src, 5))),
                "a transfer whose watched key another client changed before EXEC retries once" + where);
        assertEquals(List.of(75L), deposited, "the other client's INCRBY" + where);
        assertEquals(List.of(KeyValue.just(src, "55"), KeyValue.just(dst, "50")), r.mget(src, dst),
                "balances after the retried transfer" + where);
    }

    @Override
    public void watchAbort() {
        for (int i = 0; i < replicas.size(); i++) {
            RedisCommands<String, String> watcher = connect(replicas.get(i));
            RedisCommands<String, String> other = connect(replicas.get((i + 1) % replicas.size()));
            String key = k("watched:" + i);
            String where = " (watching via " + replicas.get(i) + ", the other client via "
                    + replicas.get((i + 1) % replicas.size()) + ")";
            r.set(key, "100");
            assertEquals("OK", watcher.watch(key), "WATCH" + where);
            assertEquals("OK", other.set(key, "0"), "the other client's SET" + where);
            assertEquals("OK", watcher.multi(), "MULTI" + where);
            watcher.set(key, "999");
            TransactionResult aborted = watcher.exec();
            assertTrue(aborted.wasDiscarded(), "TransactionResult.wasDiscarded() after the watched key changed"
                    + where + "; results " + aborted.stream().toList());
            assertEquals("0", r.get(key), "the aborted transaction's SET did not run" + where);
            assertEquals("OK", watcher.watch(key), "WATCH" + where);
            assertEquals("OK", watcher.unwatch(), "UNWATCH" + where);
            other.set(key, "1");
            watcher.multi();
            watcher.set(key, "2");
            TransactionResult done = watcher.exec();
            assertFalse(done.wasDiscarded(), "EXEC after UNWATCH is not discarded" + where);
            assertEquals(List.of("OK"), done.stream().toList(), "EXEC after UNWATCH" + where);
            assertEquals("2", r.get(key), "value after the UNWATCH transaction" + where);
        }
    }

    @Override
    public void queue() {
        String q = k("jobs");
        assertEquals(3L, r.rpush(q, "j1", "j2", "j3"), "RPUSH of 3");
        assertEquals(4L, r.rpush(q, "j4"), "RPUSH");
        assertEquals(5L, r.lpush(q, "j0"), "LPUSH");
        assertEquals(5L, r.llen(q), "LLEN");
        assertEquals(List.of("j0", "j1", "j2", "j3", "j4"), r.lrange(q, 0, -1), "LRANGE 0 -1");
        assertEquals(List.of("j1", "j2"), r.lrange(q, 1, 2), "LRANGE 1 2");
        assertEquals("j0", r.lpop(q), "LPOP");
        assertEquals("j1", r.lpop(q), "LPOP");
        assertEquals("j4", r.rpop(q), "RPOP");
        assertEquals(2L, r.llen(q), "LLEN after pops");
        assertEquals("j2", r.lpop(q), "LPOP");
        assertEquals("j3", r.lpop(q), "LPOP of the last");
        assertNull(r.lpop(q), "LPOP of an empty list");
        assertEquals(0L, r.llen(q), "LLEN of an empty list");
        assertEquals(0L, r.exists(q), "EXISTS of an emptied list");
        assertEquals(List.of(), r.lrange(q, 0, -1), "LRANGE of a missing list");
    }

    @Override
    public void leaderboard() {
        String b = k("leaderboard");
        assertEquals(3L, r.zadd(b, 100.0, "ada", 80.0, "bob", 95.0, "cy"), "ZADD of 3 new");
        assertEquals(0L, r.zadd(b, 85, "bob"), "ZADD of an existing member");
        assertEquals(105.0, r.zincrby(b, 20, "bob"), "ZINCRBY");
        assertEquals(1.5, r.zincrby(b, 1.5, "dee"), "ZINCRBY of a new member");
        assertEquals(List.of(ScoredValue.just(105, "bob"), ScoredValue.just(100, "ada"), ScoredValue.just(95, "cy"),
                ScoredValue.just(1.5, "dee")), r.zrevrangeWithScores(b, 0, -1), "ZREVRANGE 0 -1 WITHSCORES");
        assertEquals(List.of("bob", "ada"), r.zrevrange(b, 0, 1), "ZREVRANGE 0 1");
        assertEquals(List.of("dee", "cy", "ada", "bob"), r.zrange(b, 0, -1), "ZRANGE 0 -1");
        assertEquals(2L, r.zrank(b, "ada"), "ZRANK");
        assertEquals(1L, r.zrevrank(b, "ada"), "ZREVRANK");
        assertNull(r.zrank(b, "nobody"), "ZRANK of a missing member");
        assertEquals(95.0, r.zscore(b, "cy"), "ZSCORE");
        assertNull(r.zscore(b, "nobody"), "ZSCORE of a missing member");
        assertEquals(4L, r.zcard(b), "ZCARD");
        assertEquals(1L, r.zrem(b, "dee", "nobody"), "ZREM of one present and one missing member");
        assertEquals(List.of(ScoredValue.just(105, "bob"), ScoredValue.just(100, "ada"), ScoredValue.just(95, "cy")),
                r.zrevrangeWithScores(b, 0, -1), "ZREVRANGE WITHSCORES after ZREM");
    }

    @Override
    public void sets() {
        String t = k("tags:post:1");
        assertEquals(3L, r.sadd(t, "redis", "java", "python"), "SADD of 3 new");
        assertEquals(1L, r.sadd(t, "python", "raft"), "SADD of 1 new and 1 present");
        assertEquals(true, r.sismember(t, "raft"), "SISMEMBER of a member");
        assertEquals(false, r.sismember(t, "go"), "SISMEMBER of a non-member");
        assertEquals(Set.of("redis", "java", "python", "raft"), r.smembers(t), "SMEMBERS");
        assertEquals(4L, r.scard(t), "SCARD");
        assertEquals(1L, r.srem(t, "java", "go"), "SREM of one member and one non-member");
        assertEquals(Set.of("redis", "python", "raft"), r.smembers(t), "SMEMBERS after SREM");
        assertEquals(Set.of(), r.smembers(k("tags:none")), "SMEMBERS of a missing set");
    }

    private List<String> scanAll(ScanArgs args) {
        List<String> seen = new ArrayList<>();
        KeyScanCursor<String> page = r.scan(ScanCursor.INITIAL, args);
        seen.addAll(page.getKeys());
        int calls = 1;
        while (!page.isFinished()) {
            page = r.scan(page, args);
            seen.addAll(page.getKeys());
            assertTrue(++calls < 1_000, "SCAN ends (cursor " + page.getCursor() + " after " + calls + " calls)");
        }
        return seen;
    }

    @Override
    public void keyspace() {
        assertEquals("OK", r.select(0), "SELECT 0");
        assertEquals("OK", r.flushdb(), "FLUSHDB");
        assertEquals(0L, r.dbsize(), "DBSIZE after FLUSHDB");
        assertEquals(List.of(), r.keys("*"), "KEYS * after FLUSHDB");
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
        assertEquals((long) everything.size(), r.dbsize(), "DBSIZE");
        assertEquals(everything, new TreeSet<>(r.keys("*")), "KEYS *");
        assertEquals(users, new TreeSet<>(r.keys(k("user:*"))), "KEYS user:*");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> k("user:0" + i)).collect(Collectors.toSet()),
                new HashSet<>(r.keys(k("user:0?"))), "KEYS user:0?");
        assertEquals(List.of(), r.keys(k("nothing*")), "KEYS of no match");
        assertEquals(new ArrayList<>(users), scanAll(ScanArgs.Builder.matches(k("user:*")).limit(3)).stream()
                .sorted().toList(), "SCAN MATCH user:* COUNT 3 returns every user once");
        assertEquals(everything, new TreeSet<>(scanAll(ScanArgs.Builder.limit(5))), "SCAN COUNT 5");
        KeyScanCursor<String> one = r.scan(ScanArgs.Builder.matches(k("*")).limit(1000));
        assertTrue(one.isFinished(), "one SCAN COUNT 1000 ends the iteration (cursor " + one.getCursor() + ")");
        assertEquals(everything, new TreeSet<>(one.getKeys()), "one SCAN COUNT 1000 covers everything");
        assertEquals(List.of(k("h")), scanAll(KeyScanArgs.Builder.type("hash")), "SCAN TYPE hash");
        assertEquals("string", r.type(k("user:00")), "TYPE of a string");
        assertEquals("hash", r.type(k("h")), "TYPE of a hash");
        assertEquals("list", r.type(k("l")), "TYPE of a list");
        assertEquals("set", r.type(k("s")), "TYPE of a set");
        assertEquals("zset", r.type(k("z")), "TYPE of a sorted set");
        assertEquals("none", r.type(k("missing")), "TYPE of a missing key");
        assertEquals(4L, r.del(k("h"), k("l"), k("s"), k("z")), "DEL of a hash, a list, a set and a sorted set");
        assertEquals((long) users.size(), r.dbsize(), "DBSIZE after DEL");
    }

    @Override
    public void close() {
        clients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    }
}
