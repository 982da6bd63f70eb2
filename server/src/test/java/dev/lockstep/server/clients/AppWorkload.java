package dev.lockstep.server.clients;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The small application every client library runs, one method per scenario: each library writes it
 * its own way ({@link JedisWorkload}, {@link LettuceWorkload}, {@link RedisPyWorkload}) and checks
 * every reply against what the library returns from Redis.
 */
interface AppWorkload extends AutoCloseable {
    /** How long the expiry scenario waits after SET EX 1 before it expects the key gone. */
    long EXPIRY_WAIT_MS = 1_500;

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

    /** The scenarios, each named as a failure message names it ("jedis RESP3 / leaderboard on a sorted set"). */
    enum Scenario {
        STRINGS("strings and counters", AppWorkload::strings),
        MULTI("MULTI/EXEC transaction", AppWorkload::multi),
        CACHE("cache with TTL", AppWorkload::cache),
        EXPIRY("SET k v EX 1, 1.5 s later GET k is nil on every replica", AppWorkload::expiry),
        SESSION("session store on a hash", AppWorkload::session),
        TRANSFER("WATCH-guarded transfer retried after a concurrent change", AppWorkload::transfer),
        WATCH_ABORT("WATCHed key changed by another client: EXEC is nil, on every replica", AppWorkload::watchAbort),
        QUEUE("queue on a list", AppWorkload::queue),
        LEADERBOARD("leaderboard on a sorted set", AppWorkload::leaderboard),
        SETS("tags on a set", AppWorkload::sets),
        KEYSPACE("keyspace: SELECT, FLUSHDB, DBSIZE, KEYS, SCAN, TYPE", AppWorkload::keyspace);

        @FunctionalInterface
        interface Body {
            void run(AppWorkload w) throws Exception;
        }

        private final String title;
        private final Body body;

        Scenario(String title, Body body) {
            this.title = title;
            this.body = body;
        }

        void runOn(AppWorkload w) throws Exception {
            body.run(w);
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** Asserts {@code low <= actual <= high} (a TTL read right after it was set may have ticked down). */
    static void assertBetween(long low, long high, Long actual, String what) {
        assertNotNull(actual, what);
        assertTrue(actual >= low && actual <= high, what + ": expected " + low + ".." + high + ", got " + actual);
    }
}
