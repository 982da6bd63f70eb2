package dev.lockstep.server.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.server.cli.ClusterLayout;
import dev.lockstep.server.config.ConfigLoader;
import dev.lockstep.server.node.Node;
import dev.lockstep.server.node.TestClusters;
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
import io.lettuce.core.resource.DefaultClientResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
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

/**
 * Client-library compatibility: the same small application (counters, a cache with a time to
 * live, a session store on a hash, a WATCH-guarded transfer, a queue on a list, a leaderboard on
 * a sorted set, tags on a set, and the keyspace commands) written against Jedis (RESP2 and
 * RESP3), Lettuce's sync API (RESP3 and RESP2) and redis-py ({@code src/test/python/app_workload.py}),
 * run against one 3-replica cluster (in this JVM, real sockets on loopback) with every reply
 * checked against what the library returns from Redis.
 *
 * <p>Each library is a nested class, each scenario a test, so a failure reads
 * "ClientLibrariesTest$LettuceResp3.leaderboardOnASortedSet: lettuce RESP3 / leaderboard on a sorted
 * set: ...". The application talks to a follower (which forwards to the leader); the expiry and
 * WATCH checks use every replica's client port.
 *
 * <p>redis-py comes from the Debian package python3-redis: when neither {@code python3} nor
 * {@code /usr/bin/python3} can import it, the test runs {@code scripts/install-test-clients.sh}
 * (apt-get, as root or through sudo) and fails, naming the script, if that is impossible.
 * {@code -Dlockstep.test.clientsProtocol=multipaxos} runs the class on another protocol (default raft);
 * {@code -Dlockstep.test.clientsAgainst=127.0.0.1:6379} runs it against a real Redis instead (FLUSHDB!),
 * which checks the expectations themselves: the "every replica" checks then use that one server.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // per test; every client call is bounded by 5 s besides
class ClientLibrariesTest {
    private static final String PROTOCOL = System.getProperty("lockstep.test.clientsProtocol", "raft");
    private static final int REPLICAS = 3;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final long EXPIRY_WAIT_MS = 1_500;
    private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    static Path dir;
    private static final List<Node> nodes = new CopyOnWriteArrayList<>();
    private static final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    /** Every replica's client address, followers first: the application talks to the first. */
    private static List<HostAndPort> replicas;
    private static ClientResources lettuceResources;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void startCluster() throws Exception {
        String against = System.getProperty("lockstep.test.clientsAgainst", "").trim();
        if (!against.isEmpty()) { // a control run: the same expectations against a real Redis
            replicas = List.of(HostAndPort.from(against), HostAndPort.from(against), HostAndPort.from(against));
            lettuceResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            System.out.println("client libraries: against " + against + " instead of a Lockstep cluster");
            return;
        }
        List<ClusterLayout.Ports> ports = TestClusters.freePorts(REPLICAS);
        List<Path> configs = TestClusters.configs(dir, PROTOCOL, ports, Map.of("fsync", false,
                "timeouts", Map.of("requestMs", 3_000, "forwardMs", 1_000)));
        for (Path config : configs) {
            nodes.add(Node.start(new ConfigLoader().load(config), ProtocolRegistry.get(PROTOCOL), fatal::add));
        }
        boolean hasLeader = ProtocolRegistry.get(PROTOCOL).traits().hasLeader();
        if (hasLeader) {
            TestClusters.await("a leader among " + REPLICAS + " replicas", 15_000,
                    () -> nodes.stream().anyMatch(n -> n.status().leading()));
        }
        List<Node> order = new ArrayList<>(nodes);
        order.sort((a, b) -> Boolean.compare(a.status().leading(), b.status().leading())); // followers first
        replicas = order.stream().map(n -> new HostAndPort("127.0.0.1", n.clientPort())).toList();
        for (HostAndPort replica : replicas) { // every replica serves writes (a follower knows its leader)
            try (Jedis j = new Jedis(replica, jedisConfig(RedisProtocol.RESP2))) {
                TestClusters.await("a write through " + replica, 10_000, () -> {
                    try {
                        return "OK".equals(j.set("clients:ready", replica.toString()));
                    } catch (JedisDataException e) {
                        if (e.getMessage().startsWith("TRYAGAIN")) {
                            return false;
                        }
                        throw e;
                    }
                });
                j.del("clients:ready");
            }
        }
        lettuceResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        System.out.println("client libraries: " + PROTOCOL + " cluster up, replicas (followers first) " + replicas);
    }

    @AfterAll
    static void stopCluster() {
        if (lettuceResources != null) {
            lettuceResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
        nodes.forEach(Node::close);
        assertTrue(fatal.isEmpty(), "no replica failed: " + fatal);
    }

    private static JedisClientConfig jedisConfig(RedisProtocol protocol) {
        return DefaultJedisClientConfig.builder().protocol(protocol)
                .connectionTimeoutMillis((int) CLIENT_TIMEOUT.toMillis())
                .socketTimeoutMillis((int) CLIENT_TIMEOUT.toMillis()).build();
    }

    /** The scenarios of the application, as each library writes them. */
    interface AppWorkload extends AutoCloseable {
        /** SET/GET/NX/XX, MSET/MGET, INCR/INCRBY/DECR/DECRBY, EXISTS, DEL, a type error. */
        void strings() throws Exception;

        /** MULTI/INCR/SET/GET/MGET/EXEC. */
        void multi() throws Exception;

        /** SET EX/PX, TTL/PTTL, EXPIRE, PERSIST, TTL -1 and -2. */
        void cache() throws Exception;

        /** SET k v EX 1 through a follower; 1.5 s later GET k is nil through every replica. */
        void expiry() throws Exception;

        /** HSET mapping, HGETALL, HGET, HINCRBY, HMGET, HLEN, HEXISTS, HDEL, EXPIRE, WRONGTYPE. */
        void session() throws Exception;

        /** WATCH, read, MULTI, DECRBY/INCRBY, EXEC; a concurrent INCRBY forces one retry. */
        void transfer() throws Exception;

        /** On every replica: a watched key changed by a client of another replica, EXEC is nil; UNWATCH. */
        void watchAbort() throws Exception;

        /** RPUSH, LPUSH, LLEN, LRANGE, LPOP, RPOP, LPOP of an empty list. */
        void queue() throws Exception;

        /** ZADD, ZINCRBY, ZREVRANGE WITHSCORES, ZRANGE, ZRANK, ZREVRANK, ZSCORE, ZCARD, ZREM. */
        void leaderboard() throws Exception;

        /** SADD, SISMEMBER, SMEMBERS, SCARD, SREM. */
        void sets() throws Exception;

        /** SELECT 0, FLUSHDB, DBSIZE, KEYS, SCAN MATCH/COUNT/TYPE, TYPE of every type, DEL. */
        void keyspace() throws Exception;

        @Override
        void close();
    }

    @FunctionalInterface
    interface Scenario {
        void run(AppWorkload w) throws Exception;
    }

    /** The tests every library runs: one per scenario, named by library and scenario on failure. */
    abstract class LibraryTests {
        private AppWorkload workload;

        /** The library and protocol, as failure messages name it. */
        abstract String library();

        abstract AppWorkload open() throws Exception;

        @BeforeEach
        void connect() throws Exception {
            try {
                workload = open();
            } catch (Exception | Error e) {
                throw new AssertionError(library() + ": could not start the client of " + replicas.get(0) + ": " + e, e);
            }
        }

        @AfterEach
        void disconnect() {
            if (workload != null) {
                workload.close();
            }
        }

        void run(String scenario, Scenario body) {
            long start = System.nanoTime();
            try {
                body.run(workload);
            } catch (Throwable e) {
                throw new AssertionError(library() + " / " + scenario + ": " + e, e);
            } finally {
                System.out.printf("client libraries: %s / %s: %d ms%n", library(), scenario,
                        (System.nanoTime() - start) / 1_000_000);
            }
        }

        @Test
        void stringsAndCounters() {
            run("strings and counters", AppWorkload::strings);
        }

        @Test
        void multiExecTransaction() {
            run("MULTI/EXEC transaction", AppWorkload::multi);
        }

        @Test
        void cacheWithTtl() {
            run("cache with TTL", AppWorkload::cache);
        }

        @Test
        void setEx1KeyIsGoneAfter1500msOnEveryReplica() {
            run("SET k v EX 1, 1.5 s later GET k is nil on every replica", AppWorkload::expiry);
        }

        @Test
        void sessionStoreOnAHash() {
            run("session store on a hash", AppWorkload::session);
        }

        @Test
        void watchedTransferRetriesAfterAConcurrentChange() {
            run("WATCH-guarded transfer retried after a concurrent change", AppWorkload::transfer);
        }

        @Test
        void execIsNilWhenAWatchedKeyChangedOnEveryReplica() {
            run("WATCHed key changed by another client: EXEC is nil, on every replica", AppWorkload::watchAbort);
        }

        @Test
        void queueOnAList() {
            run("queue on a list", AppWorkload::queue);
        }

        @Test
        void leaderboardOnASortedSet() {
            run("leaderboard on a sorted set", AppWorkload::leaderboard);
        }

        @Test
        void tagsOnASet() {
            run("tags on a set", AppWorkload::sets);
        }

        @Test
        void keyspaceSelectFlushdbDbsizeKeysScanType() {
            run("keyspace: SELECT, FLUSHDB, DBSIZE, KEYS, SCAN, TYPE", AppWorkload::keyspace);
        }
    }

    @Nested
    @DisplayName("Jedis (RESP2)")
    class JedisResp2 extends LibraryTests {
        @Override
        String library() {
            return "jedis RESP2";
        }

        @Override
        AppWorkload open() {
            return new JedisWorkload(jedisConfig(RedisProtocol.RESP2), "jedis2:");
        }
    }

    @Nested
    @DisplayName("Jedis (RESP3 after HELLO 3)")
    class JedisResp3 extends LibraryTests {
        @Override
        String library() {
            return "jedis RESP3";
        }

        @Override
        AppWorkload open() {
            return new JedisWorkload(jedisConfig(RedisProtocol.RESP3), "jedis3:");
        }
    }

    @Nested
    @DisplayName("Lettuce sync API (RESP3, its default)")
    class LettuceResp3 extends LibraryTests {
        @Override
        String library() {
            return "lettuce RESP3";
        }

        @Override
        AppWorkload open() {
            return new LettuceWorkload(ProtocolVersion.RESP3, "lettuce3:");
        }
    }

    @Nested
    @DisplayName("Lettuce sync API (RESP2)")
    class LettuceResp2 extends LibraryTests {
        @Override
        String library() {
            return "lettuce RESP2";
        }

        @Override
        AppWorkload open() {
            return new LettuceWorkload(ProtocolVersion.RESP2, "lettuce2:");
        }
    }

    @Nested
    @DisplayName("redis-py (app_workload.py)")
    class RedisPy extends LibraryTests {
        @Override
        String library() {
            return "redis-py";
        }

        @Override
        AppWorkload open() throws Exception {
            return new PythonWorkload(Python.interpreter());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Jedis

    /** The application on Jedis: a connection to the first replica, and one to each replica on demand. */
    static final class JedisWorkload implements AppWorkload {
        private final JedisClientConfig config;
        private final String p;
        private final Jedis r;
        private final List<Jedis> opened = new ArrayList<>();

        JedisWorkload(JedisClientConfig config, String prefix) {
            this.config = config;
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

    // ---------------------------------------------------------------------------------------------
    // Lettuce

    /** The application on Lettuce's sync API: one connection to the first replica, others on demand. */
    static final class LettuceWorkload implements AppWorkload {
        private final ProtocolVersion protocol;
        private final String p;
        private final List<RedisClient> clients = new ArrayList<>();
        private final RedisCommands<String, String> r;

        LettuceWorkload(ProtocolVersion protocol, String prefix) {
            this.protocol = protocol;
            this.p = prefix;
            this.r = connect(replicas.get(0));
            assertEquals("PONG", r.ping(), "PING");
        }

        private RedisCommands<String, String> connect(HostAndPort where) {
            RedisURI uri = RedisURI.builder().withHost(where.getHost()).withPort(where.getPort())
                    .withTimeout(CLIENT_TIMEOUT).build();
            RedisClient client = RedisClient.create(lettuceResources, uri);
            clients.add(client);
            client.setOptions(ClientOptions.builder().protocolVersion(protocol).autoReconnect(false)
                    .timeoutOptions(TimeoutOptions.enabled(CLIENT_TIMEOUT)).build());
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

    // ---------------------------------------------------------------------------------------------
    // redis-py

    /** The application in Python: each scenario is one run of app_workload.py --scenario NAME. */
    static final class PythonWorkload implements AppWorkload {
        private final String python;

        PythonWorkload(String python) {
            this.python = python;
        }

        private void scenario(String name) throws Exception {
            Path script = Python.module().resolve("src/test/python/app_workload.py");
            assertTrue(Files.isRegularFile(script), "the workload script exists: " + script);
            List<String> command = new ArrayList<>(List.of(python, script.toString(),
                    replicas.stream().map(HostAndPort::toString).collect(Collectors.joining(",")),
                    "--scenario", name, "--prefix", "py:"));
            Python.Run run = Python.run(command, PYTHON_TIMEOUT);
            System.out.print(run.output());
            if (run.timedOut()) {
                fail("app_workload.py --scenario " + name + " did not finish within " + PYTHON_TIMEOUT.toSeconds()
                        + " s; output:\n" + run.output());
            }
            String failures = run.output().lines().filter(l -> l.startsWith("FAIL ")).collect(Collectors.joining("\n"));
            assertEquals(0, run.exit(), "app_workload.py --scenario " + name + " exit status; "
                    + (failures.isEmpty() ? "output:\n" + run.output() : failures));
            assertTrue(run.output().contains("PASS " + name), "PASS " + name + " in\n" + run.output());
        }

        @Override
        public void strings() throws Exception {
            scenario("strings");
        }

        @Override
        public void multi() throws Exception {
            scenario("multi");
        }

        @Override
        public void cache() throws Exception {
            scenario("cache");
        }

        @Override
        public void expiry() throws Exception {
            scenario("expiry");
        }

        @Override
        public void session() throws Exception {
            scenario("session");
        }

        @Override
        public void transfer() throws Exception {
            scenario("transfer");
        }

        @Override
        public void watchAbort() throws Exception {
            scenario("watch_abort");
        }

        @Override
        public void queue() throws Exception {
            scenario("queue");
        }

        @Override
        public void leaderboard() throws Exception {
            scenario("leaderboard");
        }

        @Override
        public void sets() throws Exception {
            scenario("sets");
        }

        @Override
        public void keyspace() throws Exception {
            scenario("keyspace");
        }

        @Override
        public void close() {}
    }

    /** Finds (once) a Python 3 that can import redis, installing it if needed. */
    static final class Python {
        private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");
        private static String interpreter;
        private static String unavailable;

        record Run(int exit, boolean timedOut, String output) {}

        /** The server module's folder (Surefire's working directory and {@code basedir}). */
        static Path module() {
            Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
            return Files.isDirectory(base.resolve("src/test/python")) ? base : base.resolve("server");
        }

        static synchronized String interpreter() throws Exception {
            if (interpreter != null) {
                return interpreter;
            }
            if (unavailable != null) {
                throw new AssertionError(unavailable);
            }
            String found = withRedis();
            if (found == null) {
                Path install = module().resolveSibling("scripts").resolve("install-test-clients.sh").normalize();
                System.out.println("client libraries: no python3 with redis-py; running " + install);
                Run run = run(List.of("bash", install.toString()), INSTALL_TIMEOUT);
                System.out.print(run.output());
                found = withRedis();
                if (found == null) {
                    unavailable = "redis-py is not installed and " + install + " could not install it ("
                            + (run.timedOut() ? "timed out after " + INSTALL_TIMEOUT.toSeconds() + " s"
                                    : "exit " + run.exit()) + "): it needs apt-get and root or sudo; or install "
                            + "python3 with the redis module by hand (pip install redis). Output:\n" + run.output();
                    throw new AssertionError(unavailable);
                }
            }
            interpreter = found;
            return found;
        }

        private static String withRedis() throws Exception {
            for (String candidate : CANDIDATES) {
                Run r = run(List.of(candidate, "-c", "import redis"), Duration.ofSeconds(20));
                if (r.exit() == 0) {
                    return candidate;
                }
            }
            return null;
        }

        /** Runs {@code command}, output and errors together, killed after {@code limit}. */
        static Run run(List<String> command, Duration limit) throws Exception {
            Path out = Files.createTempFile(dir, "process", ".out");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) { // no such program
                return new Run(127, false, command.get(0) + ": " + e.getMessage() + "\n");
            }
            boolean finished = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(out);
            Files.deleteIfExists(out);
            return new Run(finished ? p.exitValue() : -1, !finished, output);
        }
    }

    private static void assertBetween(long low, long high, Long actual, String what) {
        assertNotNull(actual, what);
        assertTrue(actual >= low && actual <= high, what + ": expected " + low + ".." + high + ", got " + actual);
    }
}
