package dev.lockstep.kv.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Strings, keyspace commands, expiry from stamped time, and WATCH versions, on the state machine. */
class StringKeyExpiryCommandsTest {
    private static final long T0 = 1_700_000_000_000L;

    private final KvStateMachine machine = new KvStateMachine();
    private long seq;

    private Result at(long now, String... argv) {
        Command c = new Command.Timed(now, Command.Redis.of(argv));
        return c.isReadOnly() ? machine.read(c) : machine.apply(new RequestId(1, ++seq), c);
    }

    private Result run(String... argv) {
        return at(T0, argv);
    }

    private static Result bulk(String s) {
        return new Result.Value(Optional.of(Bytes.utf8(s)));
    }

    private static final Result NIL = new Result.Value(Optional.empty());

    private static Result ints(long n) {
        return new Result.Int(n);
    }

    @Test
    void stringCommandsReplyAsRedis() {
        assertEquals(ints(5), run("append", "s", "hello"));
        assertEquals(ints(11), run("append", "s", " world"));
        assertEquals(ints(11), run("strlen", "s"));
        assertEquals(bulk("world"), run("getrange", "s", "-5", "-1"));
        assertEquals(bulk("hello world"), run("getrange", "s", "0", "100"));
        assertEquals(bulk(""), run("getrange", "s", "5", "2"));
        assertEquals(ints(11), run("setrange", "s", "6", "WORLD"));
        assertEquals(bulk("hello WORLD"), run("getset", "s", "new"));
        assertEquals(bulk("new"), run("getdel", "s"));
        assertEquals(NIL, run("getdel", "s"));
        assertEquals(ints(1), run("setnx", "n", "1"));
        assertEquals(ints(0), run("setnx", "n", "2"));
        assertEquals(ints(0), run("msetnx", "n", "x", "m", "y"));
        assertEquals(NIL, run("get", "m"), "MSETNX wrote nothing when one key existed");
        assertEquals(ints(1), run("msetnx", "m", "x", "o", "y"));
        assertEquals(bulk("10.5"), run("incrbyfloat", "f", "10.5"));
        assertEquals(bulk("5.25"), run("incrbyfloat", "f", "-5.25"));
        assertEquals(new Result.Error(RedisError.NOT_A_FLOAT), run("incrbyfloat", "m", "1"));
        assertEquals(new Result.Error(StringCommands.TOO_LARGE), run("setrange", "big", "100000000", "x"),
                "one small command may not make every replica allocate 100 MB");
        assertEquals(ints(0), run("exists", "big"));
        assertEquals(ints(6), run("setrange", "pad", "3", "abc"));
        assertEquals(bulk("\0\0\0abc"), run("get", "pad"));
    }

    @Test
    void setOptionsGetAndConditions() {
        assertEquals(NIL, run("set", "k", "1", "GET"));
        assertEquals(bulk("1"), run("set", "k", "2", "NX", "GET"), "GET replies the old value even when NX fails");
        assertEquals(bulk("1"), run("get", "k"));
        assertEquals(Result.NotApplied.INSTANCE, run("set", "k", "3", "IFEQ", "2"));
        assertEquals(Result.Ok.INSTANCE, run("set", "k", "3", "IFEQ", "1"));
        assertEquals(new Result.Error(RedisError.SYNTAX), run("set", "k", "3", "EX", "1", "PX", "5"));
        assertEquals(new Result.Error(RedisError.SYNTAX), run("set", "k", "3", "NX", "XX"));
        assertEquals(Result.Ok.INSTANCE, run("set", "r", "1", "NX", "NX", "PX", "10", "PX", "20000"),
                "Redis accepts an option twice; the last value wins");
        assertEquals(ints(20), run("ttl", "r"));
        assertEquals(new Result.Error("ERR invalid expire time in 'set' command"), run("set", "k", "3", "EX", "0"));
        run("rpush", "list", "a");
        assertEquals(new Result.Error(RedisError.WRONG_TYPE), run("set", "list", "x", "GET"));
        assertEquals(new Result.Error(RedisError.WRONG_TYPE), run("get", "list"));
        assertEquals(Result.Ok.INSTANCE, run("set", "list", "x"), "a plain SET replaces any type");
        assertEquals(new Result.Status("string"), run("type", "list"));
    }

    @Test
    void expiryIsDecidedByTheStampedTime() {
        assertEquals(Result.Ok.INSTANCE, at(T0, "set", "k", "v", "EX", "1"));
        assertEquals(ints(1), at(T0, "ttl", "k"));
        assertEquals(ints(1000), at(T0, "pttl", "k"));
        assertEquals(bulk("v"), at(T0 + 999, "get", "k"));
        assertEquals(NIL, at(T0 + 1000, "get", "k"), "invisible at its expiry time");
        assertEquals(ints(-2), at(T0 + 1000, "ttl", "k"));
        assertEquals(ints(0), at(T0 + 1000, "exists", "k"));
        assertEquals(1, machine.store().size(), "not deleted by a read");
        assertEquals(ints(0), at(T0 + 1500, "del", "k"), "an expired key did not exist");
        assertEquals(0, machine.store().size(), "a write removes it");
    }

    @Test
    void expireFamilyWithFlags() {
        run("set", "k", "v");
        assertEquals(ints(-1), run("ttl", "k"));
        assertEquals(ints(0), run("expire", "k", "100", "XX"));
        assertEquals(ints(1), run("expire", "k", "100", "NX"));
        assertEquals(ints(0), run("expire", "k", "50", "GT"));
        assertEquals(ints(1), run("expire", "k", "50", "LT"));
        assertEquals(ints(50_000), run("pttl", "k"));
        assertEquals(ints((T0 + 50_000) / 1000), run("expiretime", "k"));
        assertEquals(ints(1), run("pexpireat", "k", Long.toString(T0 + 7000)));
        assertEquals(ints(7), run("ttl", "k"));
        assertEquals(ints(1), run("persist", "k"));
        assertEquals(ints(0), run("persist", "k"));
        assertEquals(ints(-1), run("ttl", "k"));
        assertEquals(ints(1), run("expire", "k", "-1"), "a time in the past deletes the key");
        assertEquals(ints(0), run("exists", "k"));
        assertEquals(ints(0), run("expire", "missing", "10"));
        run("set", "k", "v", "EX", "10");
        run("set", "k", "w", "KEEPTTL");
        assertEquals(ints(10), run("ttl", "k"));
        run("set", "k", "x");
        assertEquals(ints(-1), run("ttl", "k"), "SET without KEEPTTL clears the expiry");
        run("incrbyfloat", "k2", "1");
        run("expire", "k2", "10");
        run("append", "k2", "0");
        assertEquals(ints(10), run("ttl", "k2"), "APPEND keeps the expiry");
    }

    @Test
    void keyspaceCommands() {
        run("set", "a1", "x");
        run("set", "a2", "x");
        run("hset", "h", "f", "v");
        run("sadd", "s", "m");
        assertEquals(ints(4), run("dbsize"));
        assertEquals(List.of(bulk("a1"), bulk("a2")), ((Result.Array) run("keys", "a*")).elements());
        assertEquals(new Result.Status("hash"), run("type", "h"));
        assertEquals(new Result.Status("none"), run("type", "nothing"));
        assertEquals(Result.Ok.INSTANCE, run("rename", "h", "h2"));
        assertEquals(new Result.Error(RedisError.NO_SUCH_KEY), run("rename", "h", "h3"));
        assertEquals(ints(0), run("renamenx", "a1", "a2"));
        assertEquals(ints(2), run("exists", "a1", "a1"));
        assertEquals(NIL, run("object", "encoding", "n"));
        run("set", "n", "123");
        assertEquals(bulk("int"), run("object", "encoding", "n"));
        assertEquals(ints(2), run("unlink", "a1", "a2", "zz"));
        assertTrue(((Result.Value) run("randomkey")).value().isPresent());
        assertEquals(Result.Ok.INSTANCE, run("flushdb"));
        assertEquals(ints(0), run("dbsize"));
        assertEquals(NIL, run("randomkey"));
    }

    @Test
    void scanVisitsEveryKeyOnceAcrossCallsAndFilters() {
        for (int i = 0; i < 500; i++) {
            run("set", "key:" + i, "v");
        }
        run("rpush", "list:1", "a");
        java.util.Set<String> seen = new java.util.HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            Result.Array reply = (Result.Array) run("scan", cursor, "MATCH", "key:*", "COUNT", "37", "TYPE", "string");
            cursor = ((Result.Value) reply.elements().get(0)).value().orElseThrow().utf8();
            for (Result k : ((Result.Array) reply.elements().get(1)).elements()) {
                seen.add(((Result.Value) k).value().orElseThrow().utf8());
            }
            calls++;
        } while (!cursor.equals("0") && calls < 1000);
        assertEquals(500, seen.size());
        assertTrue(calls > 5, "COUNT bounds each call");
        assertEquals(new Result.Error("ERR invalid cursor"), run("scan", "abc"));
    }

    @Test
    void watchVersionsChangeOnEveryWriteAndSurviveNoOps() {
        Command.Versions read = new Command.Versions(List.of(Bytes.utf8("w")));
        assertEquals(new Result.Array(List.of(ints(0))), machine.read(read), "absent = 0");
        run("set", "w", "1");
        long v1 = version("w");
        run("set", "w", "1");
        long v2 = version("w");
        assertTrue(v1 != 0 && v2 != v1, "writing the same value is a change");
        run("sadd", "set", "a");
        long s1 = version("set");
        run("sadd", "set", "a");
        assertEquals(s1, version("set"), "a write that changes nothing keeps the version");
        run("del", "w");
        run("set", "w", "1");
        assertTrue(version("w") != v2, "a key deleted and written again has a new version (no ABA)");
        Command.Txn stale = new Command.Txn(List.of(), List.of(new Command.Watch(Bytes.utf8("w"), v2)),
                List.of(Command.Redis.of("incr", "w")));
        assertEquals(Result.Aborted.INSTANCE, machine.apply(new RequestId(1, ++seq), new Command.Timed(T0, stale)));
        Command.Txn fresh = new Command.Txn(List.of(), List.of(new Command.Watch(Bytes.utf8("w"), version("w"))),
                List.of(new Command.Incr(Bytes.utf8("w"), 1)));
        assertEquals(new Result.Multi(List.of(ints(2))),
                machine.apply(new RequestId(1, ++seq), new Command.Timed(T0, fresh)));
    }

    @Test
    void expiredKeysAreFoundAndDeletedByTheSweep() {
        at(T0, "set", "a", "1", "PX", "10");
        at(T0, "set", "b", "1");
        Result.Array found = (Result.Array) machine.read(new Command.Timed(T0 + 10, new Command.ExpiredKeys(0, 100)));
        assertEquals(new Result.Array(List.of(bulk("a"))), found.elements().get(1));
        Command sweep = new Command.Timed(T0 + 10, new Command.ExpireKeys(List.of(Bytes.utf8("a"), Bytes.utf8("b"))));
        assertEquals(ints(1), machine.apply(new RequestId(2, 1), sweep), "only the expired key goes");
        assertEquals(1, machine.store().size());
    }

    private long version(String key) {
        Result.Array a = (Result.Array) machine.read(new Command.Versions(List.of(Bytes.utf8(key))));
        return ((Result.Int) a.elements().get(0)).value();
    }
}
