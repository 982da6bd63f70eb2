package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of commands and request ids with binary keys and values, for codec properties. */
public final class CommandArbitraries {
    private CommandArbitraries() {}

    /** Every command a client entry of a log can hold: plain, transaction, session end, acknowledged write. */
    public static Arbitrary<Command> logged() {
        Arbitrary<Command> plainOrTxn = Arbitraries.oneOf(plain(), txn());
        return Arbitraries.oneOf(plain(), txn(), Arbitraries.just(Command.EndSession.INSTANCE),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), plainOrTxn).as(Command.Acked::new));
    }

    /** Any request id, including negative and extreme halves. */
    public static Arbitrary<RequestId> ids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(RequestId::new);
    }

    private static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).map(Bytes::of);
    }

    private static Arbitrary<Command> plain() {
        Arbitrary<Bytes> bytes = bytes();
        Arbitrary<Optional<Bytes>> optional = bytes.optional(0.5);
        return Arbitraries.oneOf(
                bytes.map(k -> (Command) new Command.Get(k)),
                Combinators.combine(bytes, bytes, Arbitraries.of(Command.Condition.class))
                        .as((k, v, c) -> (Command) new Command.Put(k, v, c)),
                bytes.map(k -> (Command) new Command.Delete(k)),
                Combinators.combine(bytes, optional, bytes).as((k, e, v) -> (Command) new Command.Cas(k, e, v)),
                Combinators.combine(bytes, Arbitraries.longs()).as((k, d) -> (Command) new Command.Incr(k, d)));
    }

    private static Arbitrary<Command> txn() {
        Arbitrary<Bytes> bytes = bytes();
        return Combinators.combine(
                        Combinators.combine(bytes, bytes.optional(0.5)).as(Command.Compare::new).list().ofMaxSize(3),
                        plain().list().ofMaxSize(4))
                .as((c, ops) -> (Command) new Command.Txn(c, ops));
    }
}
