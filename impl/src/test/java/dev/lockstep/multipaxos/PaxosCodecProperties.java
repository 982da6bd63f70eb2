package dev.lockstep.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.core.ProtocolCodec.CodecException;
import dev.lockstep.kv.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
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

/** Any batch of values survives the wire and the write-ahead log unchanged (fixed jqwik seed). */
class PaxosCodecProperties {

    @Property(tries = 300, seed = "11")
    void acceptsPromisesCatchUpsAndRecordsRoundTrip(@ForAll("values") @Size(max = 20) List<PaxosEntry> values,
            @ForAll("slots") long slot, @ForAll("slots") long commit) throws CodecException {
        long ballot = 3 * 256 + 2;
        List<PaxosEntry> inBallot = values.stream().map(e -> e.withBal(ballot)).toList();
        roundTrip(new PaxosMessage.AcceptRequest(ballot, slot, inBallot, commit));
        roundTrip(new PaxosMessage.CatchUpRequest(ballot, slot, values));
        List<SlotEntry> reported = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            reported.add(new SlotEntry(slot + 2L * k, values.get(k)));
        }
        roundTrip(new PaxosMessage.PrepareResponse(ballot, true, commit, reported));
        PaxosRecord.Accepted record = new PaxosRecord.Accepted(slot, values);
        assertEquals(record, PaxosCodec.INSTANCE.decodeRecord(PaxosCodec.INSTANCE.encodeRecord(record)));
    }

    private static void roundTrip(PaxosMessage m) throws CodecException {
        assertEquals(m, PaxosCodec.INSTANCE.decodeMessage(PaxosCodec.INSTANCE.encodeMessage(m)));
    }

    @Provide
    Arbitrary<Long> slots() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 300), Arbitraries.longs().between(1, Long.MAX_VALUE / 4));
    }

    @Provide
    Arbitrary<List<PaxosEntry>> values() {
        Arbitrary<Bytes> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(Bytes::of);
        Arbitrary<Optional<Bytes>> optional = bytes.optional(0.5);
        Arbitrary<Command> single = Arbitraries.oneOf(
                bytes.map(k -> (Command) new Command.Get(k)),
                Combinators.combine(bytes, bytes, Arbitraries.of(Command.Condition.class))
                        .as((k, v, c) -> (Command) new Command.Put(k, v, c)),
                bytes.map(k -> (Command) new Command.Delete(k)),
                Combinators.combine(bytes, optional, bytes).as((k, e, v) -> (Command) new Command.Cas(k, e, v)),
                Combinators.combine(bytes, Arbitraries.longs()).as((k, d) -> (Command) new Command.Incr(k, d)));
        Arbitrary<Command> txn = Combinators.combine(
                        Combinators.combine(bytes, optional).as(Command.Compare::new).list().ofMaxSize(3),
                        single.list().ofMaxSize(4))
                .as((c, ops) -> (Command) new Command.Txn(c, ops));
        Arbitrary<RequestId> ids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(RequestId::new);
        Arbitrary<Long> ballots = Arbitraries.longs().between(1, 1L << 40);
        Arbitrary<PaxosEntry> cmd = Combinators.combine(ballots, ids, Arbitraries.oneOf(single, txn, Arbitraries.just(Command.EndSession.INSTANCE),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.oneOf(single, txn))
                        .as(Command.Acked::new)))
                .as(PaxosEntry::cmd);
        Arbitrary<PaxosEntry> noop = ballots.map(PaxosEntry::noop);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, noop), net.jqwik.api.Tuple.of(6, cmd)).list();
    }
}
