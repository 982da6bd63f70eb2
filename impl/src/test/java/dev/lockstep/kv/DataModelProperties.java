package dev.lockstep.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * The Redis data model under the state machine's promises: every value type, expiry time and
 * key version survives snapshot and restore (the restored machine answers the rest of the log
 * alike), replicas that apply conflicting commands in the same order agree whatever order they
 * apply the others in, and every command survives the log encoding. Commands are stamped with
 * times 100 ms apart, so keys expire in the middle of the logs.
 */
class DataModelProperties {
    private static final long T0 = 1_700_000_000_000L;

    @Property(tries = 300, seed = "11")
    void snapshotAndRestoreRoundTripEveryType(@ForAll("logs") @Size(max = 80) List<Entry> log,
            @ForAll("cuts") int cut) {
        int at = Math.min(cut, log.size());
        KvStateMachine original = new KvStateMachine();
        for (Entry e : log.subList(0, at)) {
            original.apply(e.id(), e.command());
        }
        byte[] snapshot = original.snapshotAtSlot(at);
        KvStateMachine restored = KvStateMachine.restore(snapshot).machine();
        assertArrayEquals(snapshot, restored.snapshotAtSlot(at), "restore then snapshot is the identity");
        assertEquals(original.store().size(), restored.store().size());
        for (Entry e : log.subList(at, log.size())) {
            assertEquals(original.apply(e.id(), e.command()), restored.apply(e.id(), e.command()), e.toString());
        }
        assertArrayEquals(original.snapshotAtSlot(0), restored.snapshotAtSlot(0));
        assertEquals(true, original.sameContentAs(restored));
    }

    @Property(tries = 300, seed = "12")
    void anyTwoOrdersOfTheConflictOrderAgree(@ForAll("logs") @Size(max = 50) List<Entry> log, @ForAll long seed) {
        List<Integer> a = KvOrders.linearExtension(log.stream().map(Entry::id).toList(),
                log.stream().map(Entry::command).toList(), new java.util.SplittableRandom(seed));
        List<Integer> b = KvOrders.linearExtension(log.stream().map(Entry::id).toList(),
                log.stream().map(Entry::command).toList(), new java.util.SplittableRandom(~seed));
        KvStateMachine first = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        KvStateMachine second = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        Result[] one = new Result[log.size()];
        Result[] two = new Result[log.size()];
        for (int k = 0; k < log.size(); k++) {
            Entry e = log.get(a.get(k));
            one[a.get(k)] = first.apply(e.id(), e.command());
            Entry f = log.get(b.get(k));
            two[b.get(k)] = second.apply(f.id(), f.command());
        }
        assertArrayEquals(one, two, "orders " + a + " and " + b);
        assertArrayEquals(first.snapshotAtSlot(0), second.snapshotAtSlot(0), "orders " + a + " and " + b);
    }

    @Property(tries = 500, seed = "13")
    void everyCommandSurvivesTheLogEncoding(@ForAll("logs") @Size(max = 10) List<Entry> log) throws CodecException {
        for (Entry e : log) {
            assertEquals(e.command(), CommandCodec.decode(CommandCodec.encode(e.command())));
        }
    }

    record Entry(RequestId id, Command command) {}

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 80);
    }

    /** Logs of a few sessions, each command stamped 100 ms after the previous one. */
    @Provide
    Arbitrary<List<Entry>> logs() {
        Arbitrary<RequestId> ids = Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(1, 1000))
                .as(RequestId::new);
        Arbitrary<Command> op = Arbitraries.frequencyOf(Tuple.of(12, redis()), Tuple.of(2, txn()));
        return Combinators.combine(ids, op).as(Entry::new).list().map(DataModelProperties::stamped);
    }

    private static List<Entry> stamped(List<Entry> entries) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Command stamped = new Command.Timed(T0 + 100L * i, e.command());
            out.add(new Entry(e.id(), stamped.isReadOnly() ? stamped : new Command.Acked(0, stamped)));
        }
        return out;
    }

    private static Arbitrary<Command> txn() {
        Arbitrary<Command.Watch> watch = Combinators.combine(keys().map(Bytes::utf8), Arbitraries.longs().between(0, 2))
                .as(Command.Watch::new);
        return Combinators.combine(watch.list().ofMaxSize(1), redis().list().ofMinSize(1).ofMaxSize(3))
                .as((w, ops) -> new Command.Txn(List.of(), w, ops));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "c");
    }

    private static Arbitrary<Command> redis() {
        Arbitrary<String> k = keys();
        Arbitrary<String> m = Arbitraries.of("m1", "m2", "m3");
        Arbitrary<String> v = Arbitraries.of("1", "2", "x", "");
        Arbitrary<String> n = Arbitraries.of("-2", "-1", "0", "1", "2", "3");
        Arbitrary<String> ttl = Arbitraries.of("1", "2", "5");
        return Arbitraries.oneOf(
                Combinators.combine(k, v).as((a, b) -> cmd("set", a, b)),
                Combinators.combine(k, v, ttl).as((a, b, t) -> cmd("set", a, b, "PX", Integer.parseInt(t) * 100 + "")),
                Combinators.combine(k, ttl).as((a, t) -> cmd("pexpire", a, Integer.parseInt(t) * 100 + "")),
                k.map(a -> cmd("persist", a)),
                Combinators.combine(k, v).as((a, b) -> cmd("append", a, b)),
                k.map(a -> cmd("incr", a)),
                k.map(a -> cmd("get", a)),
                k.map(a -> cmd("del", a)),
                Combinators.combine(k, k).as((a, b) -> cmd("rename", a, b)),
                Combinators.combine(k, m, v).as((a, f, b) -> cmd("hset", a, f, b)),
                Combinators.combine(k, m).as((a, f) -> cmd("hdel", a, f)),
                Combinators.combine(k, m, n).as((a, f, d) -> cmd("hincrby", a, f, d)),
                k.map(a -> cmd("hgetall", a)),
                Combinators.combine(k, v).as((a, b) -> cmd("rpush", a, b)),
                Combinators.combine(k, v).as((a, b) -> cmd("lpush", a, b)),
                k.map(a -> cmd("lpop", a)),
                Combinators.combine(k, n, n).as((a, s, e) -> cmd("ltrim", a, s, e)),
                Combinators.combine(k, n, n).as((a, s, e) -> cmd("lrange", a, s, e)),
                Combinators.combine(k, m).as((a, x) -> cmd("sadd", a, x)),
                Combinators.combine(k, m).as((a, x) -> cmd("srem", a, x)),
                k.map(a -> cmd("spop", a)),
                Combinators.combine(k, k, m).as((a, b, x) -> cmd("smove", a, b, x)),
                Combinators.combine(k, k).as((a, b) -> cmd("sunionstore", a, b)),
                Combinators.combine(k, n, m).as((a, s, x) -> cmd("zadd", a, s, x)),
                Combinators.combine(k, n, m).as((a, s, x) -> cmd("zadd", a, "GT", "CH", s, x)),
                Combinators.combine(k, n, m).as((a, s, x) -> cmd("zincrby", a, s, x)),
                k.map(a -> cmd("zpopmin", a)),
                k.map(a -> cmd("zrange", a, "0", "-1", "WITHSCORES")),
                k.map(a -> cmd("ttl", a)),
                k.map(a -> cmd("type", a)),
                Arbitraries.just(cmd("dbsize")),
                Arbitraries.just(cmd("flushdb")));
    }

    private static Command cmd(String... argv) {
        return Command.Redis.of(argv);
    }
}
