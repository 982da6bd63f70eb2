#!/usr/bin/env python3
"""An application workload against a Lockstep cluster, written the way a redis-py user would.

Usage: app_workload.py HOST:PORT[,HOST:PORT...] [HOST:PORT ...] [--scenario NAME ...] [--prefix P]

The first address is the one the application talks to; the check that an expired key is gone
and the WATCH checks use every address (each replica's client port). Every result is asserted;
each scenario prints "PASS <name>" or "FAIL <name>: <what differed>", and the exit status is 0
only if every scenario passed (1 if one failed, 2 for a usage error or a missing redis module).

Scenarios (all by default): strings, multi, cache, expiry, session, transfer, watch_abort, queue,
leaderboard, sets, keyspace. 'keyspace' runs FLUSHDB: run it against a test cluster only.

Used by ClientLibrariesTest (server/src/test/java/dev/lockstep/server/clients); the Jedis and
Lettuce versions there do the same things with the same expectations.
"""

import argparse
import sys
import time
import traceback

try:
    import redis
except ImportError:
    print("app_workload: the redis module is missing; run scripts/install-test-clients.sh "
          "(apt-get install python3-redis) or 'pip install redis'", file=sys.stderr)
    sys.exit(2)

TIMEOUT_S = 5  # every socket operation
EXPIRY_WAIT_S = 1.5


class Mismatch(Exception):
    pass


def check(what, actual, expected):
    if actual != expected:
        raise Mismatch("%s: expected %r, got %r" % (what, expected, actual))


def check_true(what, condition, detail=""):
    if not condition:
        raise Mismatch("%s%s" % (what, (": " + detail) if detail else ""))


def client(address):
    host, port = address.rsplit(":", 1)
    return redis.Redis(host=host, port=int(port), decode_responses=True, socket_timeout=TIMEOUT_S,
                       socket_connect_timeout=TIMEOUT_S)


class Workload:
    def __init__(self, addresses, prefix):
        self.addresses = addresses
        self.p = prefix
        self.r = client(addresses[0])
        self.replicas = [client(a) for a in addresses]

    def k(self, name):
        return self.p + name

    # strings and counters: what works on every Lockstep version
    def strings(self):
        r, k = self.r, self.k
        check("PING", r.ping(), True)
        check("SET", r.set(k("greeting"), "hello"), True)
        check("GET", r.get(k("greeting")), "hello")
        check("GET of a missing key", r.get(k("missing")), None)
        check("SET NX on an existing key", r.set(k("greeting"), "other", nx=True), None)
        check("SET XX on an existing key", r.set(k("greeting"), "hi", xx=True), True)
        check("MSET", r.mset({k("a"): "1", k("b"): "2"}), True)
        check("MGET", r.mget([k("a"), k("b"), k("missing")]), ["1", "2", None])
        check("INCR of a new counter", r.incr(k("visits")), 1)
        check("INCR", r.incr(k("visits")), 2)
        check("INCRBY", r.incrby(k("visits"), 10), 12)
        check("DECRBY", r.decrby(k("visits"), 2), 10)
        check("DECR", r.decr(k("visits")), 9)
        check("GET of a counter", r.get(k("visits")), "9")
        check("EXISTS", r.exists(k("a"), k("b"), k("missing")), 2)
        check("DEL", r.delete(k("a"), k("b"), k("missing")), 2)
        try:
            r.incr(k("greeting"))
            raise Mismatch("INCR of a non-integer: expected an error, got none")
        except redis.ResponseError as e:
            check("INCR of a non-integer: error", str(e), "value is not an integer or out of range")

    def multi(self):
        r, k = self.r, self.k
        r.set(k("tx"), "1")
        with r.pipeline(transaction=True) as pipe:
            pipe.incr(k("tx")).set(k("tx2"), "x").get(k("tx2")).mget([k("tx"), k("tx2")])
            check("MULTI/INCR/SET/GET/MGET/EXEC", pipe.execute(), [2, True, "x", ["2", "x"]])

    # a cache with a time to live
    def cache(self):
        r, k = self.r, self.k
        check("SET EX 100", r.set(k("page:/home"), "<html>", ex=100), True)
        ttl = r.ttl(k("page:/home"))
        check_true("TTL right after SET EX 100 is 99..100", 99 <= ttl <= 100, "got %r" % ttl)
        check("SET PX 100000", r.set(k("page:/about"), "<html>", px=100000), True)
        pttl = r.pttl(k("page:/about"))
        check_true("PTTL right after SET PX 100000 is 95000..100000", 95000 <= pttl <= 100000, "got %r" % pttl)
        r.set(k("page:/forever"), "x")
        check("TTL of a key without expiry", r.ttl(k("page:/forever")), -1)
        check("TTL of a missing key", r.ttl(k("page:/missing")), -2)
        check("EXPIRE on an existing key", r.expire(k("page:/forever"), 50), True)
        ttl = r.ttl(k("page:/forever"))
        check_true("TTL after EXPIRE 50 is 49..50", 49 <= ttl <= 50, "got %r" % ttl)
        check("EXPIRE on a missing key", r.expire(k("page:/missing"), 50), False)
        check("SET without EX clears the TTL", (r.set(k("page:/forever"), "y"), r.ttl(k("page:/forever"))),
              (True, -1))
        check("PERSIST", (r.expire(k("page:/forever"), 50), r.persist(k("page:/forever")),
                          r.ttl(k("page:/forever"))), (True, True, -1))

    # SET k v EX 1 on one replica; 1.5 s later GET k is nil on every replica
    def expiry(self):
        k = self.k
        check("SET k v EX 1 via " + self.addresses[0], self.r.set(k("flash"), "v", ex=1), True)
        for address, replica in zip(self.addresses, self.replicas):
            check("GET right after SET EX 1, via " + address, replica.get(k("flash")), "v")
        time.sleep(EXPIRY_WAIT_S)
        for address, replica in zip(self.addresses, self.replicas):
            check("GET %.1f s after SET EX 1, via %s" % (EXPIRY_WAIT_S, address), replica.get(k("flash")), None)
            check("EXISTS after expiry, via " + address, replica.exists(k("flash")), 0)
            check("TTL after expiry, via " + address, replica.ttl(k("flash")), -2)

    # a session store on a hash
    def session(self):
        r, k = self.r, self.k
        s = k("session:42")
        check("HSET mapping (3 new fields)", r.hset(s, mapping={"user": "ada", "cart": "0", "theme": "dark"}), 3)
        check("HGETALL", r.hgetall(s), {"user": "ada", "cart": "0", "theme": "dark"})
        check("HGET", r.hget(s, "user"), "ada")
        check("HGET of a missing field", r.hget(s, "nope"), None)
        check("HINCRBY", r.hincrby(s, "cart", 3), 3)
        check("HINCRBY again", r.hincrby(s, "cart", -1), 2)
        check("HSET of an existing field", r.hset(s, "theme", "light"), 0)
        check("HMGET", r.hmget(s, ["user", "theme", "nope"]), ["ada", "light", None])
        check("HLEN", r.hlen(s), 3)
        check("HEXISTS", (r.hexists(s, "user"), r.hexists(s, "nope")), (True, False))
        check("HDEL (one present, one absent)", r.hdel(s, "theme", "nope"), 1)
        check("HGETALL after HDEL and HINCRBY", r.hgetall(s), {"user": "ada", "cart": "2"})
        check("EXPIRE on the session", r.expire(s, 1800), True)
        ttl = r.ttl(s)
        check_true("TTL of the session is 1799..1800", 1799 <= ttl <= 1800, "got %r" % ttl)
        check("HGETALL of a missing hash", r.hgetall(k("session:none")), {})
        r.set(k("session:42:string"), "x")
        try:
            r.hget(k("session:42:string"), "f")
            raise Mismatch("HGET on a string: expected WRONGTYPE, got no error")
        except redis.ResponseError as e:
            check_true("HGET on a string: WRONGTYPE error", str(e).startswith("WRONGTYPE"), str(e))

    # a transfer between two accounts, optimistic locking with WATCH
    def move(self, pipe_client, src, dst, amount, interfere=None):
        """Moves amount from src to dst; returns the number of attempts."""
        attempts = 0
        with pipe_client.pipeline() as pipe:
            while attempts < 5:
                attempts += 1
                try:
                    pipe.watch(src, dst)
                    balance = int(pipe.get(src))
                    if balance < amount:
                        raise Mismatch("transfer: insufficient funds %d" % balance)
                    if interfere is not None and attempts == 1:
                        interfere()
                    pipe.multi()
                    pipe.decrby(src, amount)
                    pipe.incrby(dst, amount)
                    pipe.execute()
                    return attempts
                except redis.WatchError:
                    continue
        raise Mismatch("transfer: still conflicting after %d attempts" % attempts)

    def transfer(self):
        k = self.k
        address, other_address = self.addresses[0], self.addresses[1 % len(self.addresses)]
        other = client(other_address)
        src, dst = k("account:a"), k("account:b")
        self.r.mset({src: "100", dst: "0"})
        where = "watching via %s, the other client via %s" % (address, other_address)
        check("a transfer without interference takes one attempt (%s)" % where, self.move(self.r, src, dst, 30), 1)
        check("balances after one transfer (%s)" % where, self.r.mget([src, dst]), ["70", "30"])
        deposited = []

        def deposit():
            deposited.append(other.incrby(src, 5))

        check("a transfer whose watched key another client changed before EXEC retries once (%s)" % where,
              self.move(self.r, src, dst, 20, interfere=deposit), 2)
        check("the other client's INCRBY (%s)" % where, deposited, [75])
        check("balances after the retried transfer (%s)" % where, self.r.mget([src, dst]), ["55", "50"])
        other.close()

    # on every replica: a watched key changed by another client makes EXEC answer nil
    def watch_abort(self):
        k = self.k
        for i, address in enumerate(self.addresses):
            other_address = self.addresses[(i + 1) % len(self.addresses)]
            other = client(other_address)
            src = k("watched:%d" % i)
            self.r.set(src, "100")
            where = "watching via %s, the other client via %s" % (address, other_address)
            with self.replicas[i].pipeline() as pipe:
                pipe.watch(src)
                other.set(src, "0")
                pipe.multi()
                pipe.set(src, "999")
                try:
                    pipe.execute()
                    raise Mismatch("EXEC after a watched key changed: expected nil (WatchError), got a result")
                except redis.WatchError:
                    pass
            check("the aborted transaction's SET did not run (%s)" % where, self.r.get(src), "0")
            # UNWATCH: a later change no longer aborts
            with self.replicas[i].pipeline() as pipe:
                pipe.watch(src)
                pipe.unwatch()
                other.set(src, "1")
                pipe.multi()
                pipe.set(src, "2")
                check("EXEC after UNWATCH (%s)" % where, pipe.execute(), [True])
            check("value after UNWATCH transaction (%s)" % where, self.r.get(src), "2")
            other.close()

    # a work queue on a list
    def queue(self):
        r, k = self.r, self.k
        q = k("jobs")
        check("RPUSH 3", r.rpush(q, "j1", "j2", "j3"), 3)
        check("RPUSH 1", r.rpush(q, "j4"), 4)
        check("LPUSH (urgent)", r.lpush(q, "j0"), 5)
        check("LLEN", r.llen(q), 5)
        check("LRANGE 0 -1", r.lrange(q, 0, -1), ["j0", "j1", "j2", "j3", "j4"])
        check("LRANGE 1 2", r.lrange(q, 1, 2), ["j1", "j2"])
        check("LPOP", r.lpop(q), "j0")
        check("LPOP", r.lpop(q), "j1")
        check("RPOP", r.rpop(q), "j4")
        check("LLEN after pops", r.llen(q), 2)
        check("LPOP", r.lpop(q), "j2")
        check("LPOP the last", r.lpop(q), "j3")
        check("LPOP of an empty queue", r.lpop(q), None)
        check("LLEN of an empty queue", r.llen(q), 0)
        check("EXISTS of an emptied list", r.exists(q), 0)
        check("LRANGE of a missing list", r.lrange(q, 0, -1), [])

    # a leaderboard on a sorted set
    def leaderboard(self):
        r, k = self.r, self.k
        b = k("leaderboard")
        check("ZADD 3 new", r.zadd(b, {"ada": 100, "bob": 80, "cy": 95}), 3)
        check("ZADD of an existing member", r.zadd(b, {"bob": 85}), 0)
        check("ZINCRBY", r.zincrby(b, 20, "bob"), 105.0)
        check("ZINCRBY of a new member", r.zincrby(b, 1.5, "dee"), 1.5)
        check("ZREVRANGE 0 -1 WITHSCORES", r.zrevrange(b, 0, -1, withscores=True),
              [("bob", 105.0), ("ada", 100.0), ("cy", 95.0), ("dee", 1.5)])
        check("ZREVRANGE 0 1", r.zrevrange(b, 0, 1), ["bob", "ada"])
        check("ZRANGE 0 -1", r.zrange(b, 0, -1), ["dee", "cy", "ada", "bob"])
        check("ZRANK", r.zrank(b, "ada"), 2)
        check("ZREVRANK", r.zrevrank(b, "ada"), 1)
        check("ZRANK of a missing member", r.zrank(b, "nobody"), None)
        check("ZSCORE", r.zscore(b, "cy"), 95.0)
        check("ZSCORE of a missing member", r.zscore(b, "nobody"), None)
        check("ZCARD", r.zcard(b), 4)
        check("ZREM", r.zrem(b, "dee", "nobody"), 1)
        check("ZREVRANGE after ZREM", r.zrevrange(b, 0, -1, withscores=True),
              [("bob", 105.0), ("ada", 100.0), ("cy", 95.0)])

    # tags on a set
    def sets(self):
        r, k = self.r, self.k
        t = k("tags:post:1")
        check("SADD 3 new", r.sadd(t, "redis", "java", "python"), 3)
        check("SADD 1 new 1 old", r.sadd(t, "python", "raft"), 1)
        check("SISMEMBER present", r.sismember(t, "raft"), True)
        check("SISMEMBER absent", r.sismember(t, "go"), False)
        check("SMEMBERS", r.smembers(t), {"redis", "java", "python", "raft"})
        check("SCARD", r.scard(t), 4)
        check("SREM", r.srem(t, "java", "go"), 1)
        check("SMEMBERS after SREM", r.smembers(t), {"redis", "python", "raft"})
        check("SMEMBERS of a missing set", r.smembers(k("tags:none")), set())

    # the keyspace: SELECT, FLUSHDB, TYPE, KEYS, SCAN, DBSIZE
    def keyspace(self):
        r, k = self.r, self.k
        check_true("SELECT 0", r.execute_command("SELECT", 0) in (True, "OK"))
        check("FLUSHDB", r.flushdb(), True)
        check("DBSIZE after FLUSHDB", r.dbsize(), 0)
        check("KEYS * after FLUSHDB", r.keys("*"), [])
        for i in range(12):
            r.set(k("user:%02d" % i), "u%d" % i)
        r.hset(k("h"), "f", "v")
        r.rpush(k("l"), "x")
        r.sadd(k("s"), "x")
        r.zadd(k("z"), {"x": 1})
        users = {k("user:%02d" % i) for i in range(12)}
        everything = users | {k("h"), k("l"), k("s"), k("z")}
        check("DBSIZE", r.dbsize(), len(everything))
        check("KEYS *", set(r.keys("*")), everything)
        check("KEYS prefix user:*", set(r.keys(k("user:*"))), users)
        check("KEYS user:0?", set(r.keys(k("user:0?"))), {k("user:%02d" % i) for i in range(10)})
        check("KEYS of no match", r.keys(k("nothing*")), [])
        seen = list(r.scan_iter(match=k("user:*"), count=3))
        check("SCAN MATCH user:* COUNT 3 finds every user once", sorted(seen), sorted(users))
        check("SCAN COUNT 5 over everything", set(r.scan_iter(count=5)), everything)
        cursor, batch = r.scan(0, match=k("*"), count=1000)
        check("one SCAN with a large COUNT covers everything and ends", (cursor, set(batch)), (0, everything))
        check("SCAN TYPE hash", set(r.scan_iter(_type="hash")), {k("h")})
        check("TYPE string", r.type(k("user:00")), "string")
        check("TYPE hash", r.type(k("h")), "hash")
        check("TYPE list", r.type(k("l")), "list")
        check("TYPE set", r.type(k("s")), "set")
        check("TYPE zset", r.type(k("z")), "zset")
        check("TYPE of a missing key", r.type(k("missing")), "none")
        check("DEL of mixed types", r.delete(k("h"), k("l"), k("s"), k("z")), 4)
        check("DBSIZE after DEL", r.dbsize(), len(users))


SCENARIOS = ["strings", "multi", "cache", "expiry", "session", "transfer", "watch_abort", "queue", "leaderboard",
             "sets", "keyspace"]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addresses", nargs="+", help="HOST:PORT, comma-separated or several")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="run only these (repeatable)")
    parser.add_argument("--prefix", default="py:", help="prefix of every key (default py:)")
    args = parser.parse_args(argv)
    addresses = [a for arg in args.addresses for a in arg.split(",") if a]
    for a in addresses:
        if ":" not in a or not a.rsplit(":", 1)[1].isdigit():
            parser.error("not HOST:PORT: %r" % a)
    print("app_workload: redis-py %s, python %s, against %s" % (redis.__version__, sys.version.split()[0],
                                                               ", ".join(addresses)), flush=True)
    workload = Workload(addresses, args.prefix)
    failed = []
    for name in args.scenario or SCENARIOS:
        start = time.monotonic()
        try:
            getattr(workload, name)()
            print("PASS %s (%.2f s)" % (name, time.monotonic() - start), flush=True)
        except Mismatch as e:
            failed.append(name)
            print("FAIL %s: %s" % (name, e), flush=True)
        except redis.RedisError as e:
            failed.append(name)
            tb = traceback.extract_tb(e.__traceback__)
            line = next((f for f in reversed(tb) if f.filename == __file__), tb[-1])
            print("FAIL %s: %s: %s (at app_workload.py:%d: %s)"
                  % (name, type(e).__name__, e, line.lineno, line.line), flush=True)
    if failed:
        print("app_workload: %d of %d scenarios failed: %s" % (len(failed), len(args.scenario or SCENARIOS),
                                                              ", ".join(failed)), flush=True)
        return 1
    print("app_workload: every scenario passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
