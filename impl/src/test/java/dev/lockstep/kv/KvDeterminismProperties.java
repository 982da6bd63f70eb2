package dev.lockstep.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Replicas applying the same log agree on every result and on their snapshots; under a partial
 * order, replicas applying the same commands in any two orders that agree on every pair of
 * conflicting commands ({@link Conflicts}) do too (docs/runtime-contract.md, "Client sessions
 * under a partial order").
 */
class KvDeterminismProperties {

    @Property(tries = 200, seed = "42")
    void sameLogSameResultsAndSnapshotRoundTrips(@ForAll("logs") @Size(max = 60) List<Entry> log) {
        KvStateMachine first = new KvStateMachine();
        KvStateMachine second = new KvStateMachine();
        List<Result> results = new ArrayList<>();
        long index = 0;
        for (Entry e : log) {
            index++;
            Result r = first.apply(e.id(), e.command());
            results.add(r);
            assertEquals(r, second.apply(e.id(), e.command()));
        }
        assertArrayEquals(first.snapshotAtSlot(0), second.snapshotAtSlot(0));
        KvStateMachine restored = KvStateMachine.restore(first.snapshotAtSlot(0)).machine();
        assertArrayEquals(first.snapshotAtSlot(0), restored.snapshotAtSlot(0));
        assertEquals(log.size(), results.size());
    }

    /**
     * Two linear extensions of the log's conflict order, drawn by {@code seed}: each step takes
     * a random entry whose conflicting predecessors in the log were all taken already.
     */
    @Property(tries = 300, seed = "7")
    void anyTwoOrdersOfTheConflictOrderGiveTheSameStateAndResults(
            @ForAll("sessionLogs") @Size(max = 50) List<Entry> log, @ForAll long seed) {
        List<RequestId> ids = log.stream().map(Entry::id).toList();
        List<Command> commands = log.stream().map(Entry::command).toList();
        List<Integer> a = KvOrders.linearExtension(ids, commands, new java.util.SplittableRandom(seed));
        List<Integer> b = KvOrders.linearExtension(ids, commands, new java.util.SplittableRandom(~seed));
        KvStateMachine first = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        KvStateMachine second = new KvStateMachine(SessionTable.Eviction.ORDER_FREE);
        Result[] firstResults = new Result[log.size()];
        Result[] secondResults = new Result[log.size()];
        for (int k = 0; k < log.size(); k++) {
            Entry e = log.get(a.get(k));
            firstResults[a.get(k)] = first.apply(e.id(), e.command());
            Entry f = log.get(b.get(k));
            secondResults[b.get(k)] = second.apply(f.id(), f.command());
        }
        assertArrayEquals(firstResults, secondResults, "orders " + a + " and " + b);
        assertArrayEquals(first.snapshotAtSlot(0), second.snapshotAtSlot(0), "orders " + a + " and " + b);
    }

    record Entry(RequestId id, Command command) {}

    /** Logs of several sessions with acknowledgements, ended sessions and expiry. */
    @Provide
    Arbitrary<List<Entry>> sessionLogs() {
        Arbitrary<Entry> plain = logs().map(l -> l.isEmpty() ? null : l.get(0)).filter(java.util.Objects::nonNull);
        Arbitrary<Entry> acked = plain.flatMap(e -> Arbitraries.longs().between(0, 6)
                .map(low -> new Entry(e.id(), new Command.Acked(low, e.command()))));
        Arbitrary<Entry> ended = Combinators.combine(Arbitraries.longs().between(1, 3), Arbitraries.longs().between(1, 8))
                .as((c, q) -> new Entry(new RequestId(c, q), Command.EndSession.INSTANCE));
        Arbitrary<Entry> expiry = Arbitraries.integers().between(0, 3)
                .map(keep -> new Entry(null, new Command.ExpireSessions(keep)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(3, acked),
                net.jqwik.api.Tuple.of(1, ended), net.jqwik.api.Tuple.of(1, expiry)).list();
    }

    @Provide
    Arbitrary<List<Entry>> logs() {
        Arbitrary<Bytes> keys = Arbitraries.of("a", "b", "c").map(Bytes::utf8);
        Arbitrary<Bytes> values = Arbitraries.of("1", "2", "x").map(Bytes::utf8);
        Arbitrary<Optional<Bytes>> expected = values.optional(0.7);
        Arbitrary<Command> single = Arbitraries.oneOf(
                Combinators.combine(keys, values).as((k, v) -> (Command) new Command.Put(k, v)),
                keys.map(k -> (Command) new Command.Delete(k)),
                Combinators.combine(keys, expected, values).as((k, e, v) -> (Command) new Command.Cas(k, e, v)),
                Combinators.combine(keys, Arbitraries.longs().between(-3, 3)).as((k, d) -> (Command) new Command.Incr(k, d)));
        Arbitrary<Command> txn = Combinators.combine(
                        Combinators.combine(keys, expected).as(Command.Compare::new).list().ofMaxSize(2),
                        single.list().ofMinSize(1).ofMaxSize(3))
                .as((c, ops) -> (Command) new Command.Txn(c, ops));
        // Few clients and seqs, so retries (same id) happen often.
        Arbitrary<RequestId> ids = Combinators.combine(Arbitraries.longs().between(1, 3), Arbitraries.longs().between(1, 8))
                .as(RequestId::new);
        return Combinators.combine(ids, Arbitraries.oneOf(single, txn)).as(Entry::new).list();
    }
}
