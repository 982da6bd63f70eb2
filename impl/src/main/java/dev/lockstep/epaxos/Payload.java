package dev.lockstep.epaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.common.ClientEntry;
import dev.lockstep.kv.Command;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What an instance holds: a batch of client commands, a session expiry, or the no-op a recovery
 * fills an instance with. For the spec a command is its set of <b>conflict keys</b> (contract,
 * "Instances and commands"), the rule of {@code kv.Conflicts} written as strings:
 * {@code "k:<key hex>"} per key a command touches, {@code "s:<client>"} per client session, and
 * {@code "*"} (conflicts with everything) for a command that touches every key ({@code Command.touchesEveryKey}: KEYS, SCAN, FLUSHDB). {@link Nop}
 * conflicts with everything, as in EPaxos*.
 */
sealed interface Payload {

    /** The key that conflicts with every command. */
    String ALL = "*";

    /** The conflict keys, sorted; empty for {@link Nop} (which conflicts with everything). */
    List<String> conflictKeys();

    default boolean isNop() {
        return this instanceof Nop;
    }

    /** Whether every command conflicts with this one. */
    default boolean conflictsWithAll() {
        return isNop() || conflictKeys().contains(ALL);
    }

    /** The spec's {@code Conflict(c1, c2)}. */
    static boolean conflict(Payload a, Payload b) {
        if (a.conflictsWithAll() || b.conflictsWithAll()) {
            return true;
        }
        List<String> bk = b.conflictKeys();
        for (String k : a.conflictKeys()) {
            if (bk.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** The trace's form: the sorted conflict keys, or {@code "nop"}. */
    default Object traceForm() {
        return isNop() ? "nop" : conflictKeys();
    }

    /** Client commands proposed together by one replica (EPaxos §6.5, batching). */
    record Batch(List<ClientEntry> entries, List<String> conflictKeys) implements Payload {
        public Batch {
            entries = List.copyOf(entries);
            conflictKeys = List.copyOf(conflictKeys);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("an empty batch");
            }
        }

        static Batch of(List<ClientEntry> entries) {
            TreeSet<String> keys = new TreeSet<>();
            for (ClientEntry e : entries) {
                keys.add("s:" + e.id().client());
                for (Bytes key : e.command().keys()) {
                    keys.add(keyName(key));
                }
                if (e.command().touchesEveryKey()) {
                    keys.add(ALL);
                }
            }
            return new Batch(entries, new ArrayList<>(keys));
        }
    }

    /** {@link Command.ExpireSessions}: bounds the session table; conflicts with everything. */
    record Expiry(int keep) implements Payload {
        @Override
        public List<String> conflictKeys() {
            return List.of(ALL);
        }
    }

    /** A recovery's filler (EPaxos* "Nop"): executes nothing, conflicts with everything. */
    record Nop() implements Payload {
        static final Nop INSTANCE = new Nop();

        @Override
        public List<String> conflictKeys() {
            return List.of();
        }
    }

    static String keyName(Bytes key) {
        return "k:" + HexFormat.of().formatHex(key.unsafeArray());
    }
}
