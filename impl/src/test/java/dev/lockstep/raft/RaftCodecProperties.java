package dev.lockstep.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.core.ProtocolCodec.CodecException;
import dev.lockstep.kv.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandCodec;
import dev.lockstep.kv.RequestId;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Any batch of log entries survives the wire and the write-ahead log unchanged. */
class RaftCodecProperties {

    @Property(tries = 300, seed = "7")
    void appendRequestsAndLogAppendsRoundTrip(@ForAll("entries") @Size(max = 20) List<LogEntry> entries,
            @ForAll("indices") long prevLogIndex, @ForAll("indices") long commit) throws CodecException {
        RaftMessage.AppendEntriesRequest m = new RaftMessage.AppendEntriesRequest(9, prevLogIndex, 4, entries, commit);
        assertEquals(m, RaftCodec.INSTANCE.decodeMessage(RaftCodec.INSTANCE.encodeMessage(m)));
        RaftRecord.LogAppend r = new RaftRecord.LogAppend(prevLogIndex + 1, entries);
        assertEquals(r, RaftCodec.INSTANCE.decodeRecord(RaftCodec.INSTANCE.encodeRecord(r)));
    }

    /** The size hint that codecs allocate their buffer with bounds every command's encoding. */
    @Property(tries = 300, seed = "7")
    void commandSizeHintIsAnUpperBound(@ForAll("entries") @Size(max = 5) List<LogEntry> entries) {
        for (LogEntry e : entries) {
            int encoded = CommandCodec.encode(e.command()).length;
            assertTrue(encoded <= CommandCodec.sizeHint(e.command()),
                    e.command() + ": " + encoded + " > " + CommandCodec.sizeHint(e.command()));
        }
    }

    @Provide
    Arbitrary<Long> indices() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 300), Arbitraries.longs().between(0, Long.MAX_VALUE - 1));
    }

    @Provide
    Arbitrary<List<LogEntry>> entries() {
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
        Arbitrary<LogEntry> cmd = Combinators.combine(Arbitraries.longs().between(1, 1L << 40), ids,
                Arbitraries.oneOf(single, txn, Arbitraries.of(Command.Noop.INSTANCE, Command.EndSession.INSTANCE),
                        Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.oneOf(single, txn))
                                .as(Command.Acked::new))).as(LogEntry::new);
        Arbitrary<LogEntry> noop = Arbitraries.longs().between(1, 1000).map(LogEntry::noop);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, noop), net.jqwik.api.Tuple.of(6, cmd)).list();
    }
}
