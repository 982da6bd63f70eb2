package dev.lockstep.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.base.CodecException;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandArbitraries;
import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
import java.util.ArrayList;
import java.util.List;
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
        Arbitrary<Long> ballots = Arbitraries.longs().between(1, 1L << 40);
        Arbitrary<PaxosEntry> cmd = Combinators.combine(ballots, CommandArbitraries.ids(), CommandArbitraries.logged())
                .as(PaxosEntry::cmd);
        Arbitrary<PaxosEntry> noop = ballots.map(PaxosEntry::noop);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, noop), net.jqwik.api.Tuple.of(6, cmd)).list();
    }
}
