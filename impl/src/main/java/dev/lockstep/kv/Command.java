package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import java.util.List;
import java.util.Optional;

/** A command of the key-value state machine. */
public sealed interface Command {

    /** True when the command only reads (served by a linearizable read, not through the log). */
    boolean isReadOnly();

    /**
     * The keys the command reads or writes, each once, in order of first mention. Two commands
     * that share a key conflict; see {@link Conflicts} for the whole rule (sessions included).
     */
    default List<Bytes> keys() {
        return switch (this) {
            case Get g -> List.of(g.key());
            case Put p -> List.of(p.key());
            case Delete d -> List.of(d.key());
            case Cas c -> List.of(c.key());
            case Incr i -> List.of(i.key());
            case Txn t -> t.touchedKeys();
            case Acked a -> a.command().keys();
            case Noop n -> List.of();
            case EndSession e -> List.of();
            case ExpireSessions x -> List.of();
        };
    }

    /** Read a key. Result: {@link Result.Value}. */
    record Get(Bytes key) implements Command {
        public boolean isReadOnly() {
            return true;
        }
    }

    /** Write a key, optionally only if it is absent (SET NX) or present (SET XX). */
    record Put(Bytes key, Bytes value, Condition condition) implements Command {
        public Put(Bytes key, Bytes value) {
            this(key, value, Condition.ALWAYS);
        }

        public boolean isReadOnly() {
            return false;
        }
    }

    enum Condition { ALWAYS, IF_ABSENT, IF_PRESENT }

    /** Remove a key. Result: {@link Result.Int} 1 if it existed, else 0. */
    record Delete(Bytes key) implements Command {
        public boolean isReadOnly() {
            return false;
        }
    }

    /**
     * Compare-and-set: write {@code newValue} iff the current value equals {@code expected}
     * ({@code Optional.empty()} = the key must be absent). Result: {@link Result.Ok} or
     * {@link Result.NotApplied}.
     */
    record Cas(Bytes key, Optional<Bytes> expected, Bytes newValue) implements Command {
        public boolean isReadOnly() {
            return false;
        }
    }

    /** Add {@code delta} to a decimal integer value (absent = 0). Result: {@link Result.Int}. */
    record Incr(Bytes key, long delta) implements Command {
        public boolean isReadOnly() {
            return false;
        }
    }

    /**
     * An atomic mini-transaction (Sinfonia/Dstore style): if every compare holds, run the ops in
     * order as one step and return {@link Result.Multi}; otherwise change nothing and return
     * {@link Result.Aborted}. Redis MULTI/EXEC is a transaction with no compares.
     */
    record Txn(List<Compare> compares, List<Command> ops) implements Command {
        public Txn {
            compares = List.copyOf(compares);
            ops = List.copyOf(ops);
            for (Command op : ops) {
                if (op instanceof Txn || op instanceof Noop || op instanceof EndSession || op instanceof Acked
                        || op instanceof ExpireSessions) {
                    throw new IllegalArgumentException("a transaction holds only plain commands, got " + op);
                }
            }
        }

        public boolean isReadOnly() {
            return ops.stream().allMatch(Command::isReadOnly);
        }

        List<Bytes> touchedKeys() {
            java.util.LinkedHashSet<Bytes> keys = new java.util.LinkedHashSet<>();
            compares.forEach(c -> keys.add(c.key()));
            ops.forEach(op -> keys.addAll(op.keys()));
            return List.copyOf(keys);
        }
    }

    /** A transaction's guard: the key's current value equals {@code expected} (empty = absent). */
    record Compare(Bytes key, Optional<Bytes> expected) {}

    /** The entry a new leader appends to commit entries of earlier terms; changes nothing. */
    record Noop() implements Command {
        public static final Noop INSTANCE = new Noop();

        public boolean isReadOnly() {
            return false;
        }
    }

    /**
     * The client's session is over (Raft thesis §6.3, expiring sessions): the state machine
     * forgets the results it kept for the session's retries and refuses any later request of
     * the session. A server appends one when a client connection closes with nothing in flight,
     * so the session table (and every snapshot) holds results only for live clients.
     */
    record EndSession() implements Command {
        public static final EndSession INSTANCE = new EndSession();

        public boolean isReadOnly() {
            return false;
        }
    }

    /**
     * A write that carries its session's acknowledgement (Raft thesis §6.3): every request of the
     * session with a sequence number below {@code lowestUnanswered} has had its answer, so it
     * will never be retried and the replicas forget its result when they apply this entry
     * (a stray later copy of it is refused, not run). Without it a session keeps its last
     * {@link SessionTable#WINDOW} results.
     */
    record Acked(long lowestUnanswered, Command command) implements Command {
        public Acked {
            java.util.Objects.requireNonNull(command, "command");
            if (lowestUnanswered < 0) {
                throw new IllegalArgumentException("lowestUnanswered must be >= 0, got " + lowestUnanswered);
            }
            if (command instanceof Acked || command instanceof Noop || command instanceof EndSession
                    || command instanceof ExpireSessions) {
                throw new IllegalArgumentException("only a client's write carries an acknowledgement, got " + command);
            }
        }

        public boolean isReadOnly() {
            return command.isReadOnly();
        }
    }

    /**
     * Evicts client sessions until at most {@code keep} remain, in the table's eviction order
     * ({@link SessionTable.Eviction}): the order-free table evicts ended sessions first, then
     * live ones, each by ascending client id, so replicas that hold the same sessions evict the
     * same ones whatever order they applied commuting commands in. A protocol with a partial
     * execution order proposes it (ordered against every command, {@link Conflicts}) when its
     * table grows past its limit; under a total order the table evicts by itself.
     */
    record ExpireSessions(int keep) implements Command {
        public ExpireSessions {
            if (keep < 0) {
                throw new IllegalArgumentException("keep must be >= 0, got " + keep);
            }
        }

        public boolean isReadOnly() {
            return false;
        }
    }
}
