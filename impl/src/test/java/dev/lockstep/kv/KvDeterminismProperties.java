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

/** Replicas applying the same log agree on every result and on their snapshots. */
class KvDeterminismProperties {

    @Property(tries = 200, seed = "42")
    void sameLogSameResultsAndSnapshotRoundTrips(@ForAll("logs") @Size(max = 60) List<Entry> log) {
        KvStateMachine first = new KvStateMachine();
        KvStateMachine second = new KvStateMachine();
        List<Result> results = new ArrayList<>();
        long index = 0;
        for (Entry e : log) {
            index++;
            Result r = first.apply(index, e.id(), e.command());
            results.add(r);
            assertEquals(r, second.apply(index, e.id(), e.command()));
        }
        assertArrayEquals(first.snapshot(), second.snapshot());
        KvStateMachine restored = KvStateMachine.restore(first.snapshot());
        assertArrayEquals(first.snapshot(), restored.snapshot());
        assertEquals(log.size(), results.size());
    }

    record Entry(RequestId id, Command command) {}

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
