package dev.lockstep.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.base.CodecException;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.CommandArbitraries;
import dev.lockstep.kv.CommandCodec;
import java.util.List;
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
        Arbitrary<Command> commands = Arbitraries.oneOf(CommandArbitraries.logged(), Arbitraries.just(Command.Noop.INSTANCE));
        Arbitrary<LogEntry> cmd = Combinators.combine(Arbitraries.longs().between(1, 1L << 40), CommandArbitraries.ids(),
                commands).as(LogEntry::new);
        Arbitrary<LogEntry> noop = Arbitraries.longs().between(1, 1000).map(LogEntry::noop);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, noop), net.jqwik.api.Tuple.of(6, cmd)).list();
    }
}
