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
            case Timed t -> t.command().keys();
            case Redis r -> r.spec().keys(r.argv());
            case Versions v -> v.keys();
            case ExpireKeys x -> x.keys();
            case ExpiredKeys x -> List.of();
        };
    }

    /**
     * True when the command reads or writes every key (KEYS, SCAN, FLUSHDB, a session expiry), so
     * that it is ordered against every command ({@link Conflicts}).
     */
    default boolean touchesEveryKey() {
        return switch (this) {
            case ExpireSessions x -> true;
            case ExpiredKeys x -> true;
            case Redis r -> r.spec().everyKey();
            case Timed t -> t.command().touchesEveryKey();
            case Acked a -> a.command().touchesEveryKey();
            case Txn t -> t.ops().stream().anyMatch(Command::touchesEveryKey);
            default -> false;
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
    record Txn(List<Compare> compares, List<Watch> watches, List<Command> ops) implements Command {
        public Txn {
            compares = List.copyOf(compares);
            watches = List.copyOf(watches);
            ops = List.copyOf(ops);
            for (Command op : ops) {
                if (op instanceof Txn || op instanceof Noop || op instanceof EndSession || op instanceof Acked
                        || op instanceof ExpireSessions || op instanceof Timed || op instanceof ExpireKeys) {
                    throw new IllegalArgumentException("a transaction holds only plain commands, got " + op);
                }
            }
        }

        /** A transaction without WATCH-ed keys. */
        public Txn(List<Compare> compares, List<Command> ops) {
            this(compares, List.of(), ops);
        }

        public boolean isReadOnly() {
            return ops.stream().allMatch(Command::isReadOnly);
        }

        List<Bytes> touchedKeys() {
            java.util.LinkedHashSet<Bytes> keys = new java.util.LinkedHashSet<>();
            compares.forEach(c -> keys.add(c.key()));
            watches.forEach(w -> keys.add(w.key()));
            ops.forEach(op -> keys.addAll(op.keys()));
            return List.copyOf(keys);
        }
    }

    /** A transaction's guard: the key's current value equals {@code expected} (empty = absent). */
    record Compare(Bytes key, Optional<Bytes> expected) {}

    /**
     * A transaction's WATCH guard: the key's version ({@link Versions}) is still {@code version}
     * (0 = absent), i.e. nothing wrote the key since the client read the version.
     */
    record Watch(Bytes key, long version) {}

    /**
     * A client command stamped with the time (ms since the epoch) of the replica that ordered it:
     * every time-dependent decision of the command (expiry, TTL) is made from this stamp, never
     * from a clock read during apply, so every replica decides alike. A read served outside the
     * log is stamped by the replica that serves it.
     */
    record Timed(long nowMillis, Command command) implements Command {
        public Timed {
            java.util.Objects.requireNonNull(command, "command");
            if (command instanceof Timed || command instanceof Acked || command instanceof Noop
                    || command instanceof EndSession || command instanceof ExpireSessions) {
                throw new IllegalArgumentException("only a client's command carries a time, got " + command);
            }
        }

        public boolean isReadOnly() {
            return command.isReadOnly();
        }

        /**
         * {@code c} with its time stamp (also inside an acknowledgement) replaced by {@code now}:
         * what the replica that orders a forwarded request does. A command without a stamp is
         * returned as it is.
         */
        public static Command restamp(Command c, long now) {
            if (c instanceof Timed t) {
                return new Timed(now, t.command());
            }
            if (c instanceof Acked a && a.command() instanceof Timed t) {
                return new Acked(a.lowestUnanswered(), new Timed(now, t.command()));
            }
            return c;
        }
    }

    /**
     * A Redis command of the data model ({@link dev.lockstep.kv.redis.RedisCommands}), kept as its
     * arguments (as Redis's own replication stream does). The name must be known and the arity fit.
     */
    record Redis(List<Bytes> argv) implements Command {
        public Redis {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a Redis command needs a name");
            }
            dev.lockstep.kv.redis.CommandSpec spec = dev.lockstep.kv.redis.RedisCommands.spec(argv.get(0).utf8());
            if (spec == null) {
                throw new IllegalArgumentException("unknown Redis command " + argv.get(0).utf8());
            }
            if (!spec.arityFits(argv.size())) {
                throw new IllegalArgumentException("wrong number of arguments for '" + spec.name() + "'");
            }
        }

        /** A command from text arguments (tests, tools). */
        public static Redis of(String... args) {
            return new Redis(java.util.Arrays.stream(args).map(Bytes::utf8).toList());
        }

        public dev.lockstep.kv.redis.CommandSpec spec() {
            return dev.lockstep.kv.redis.RedisCommands.spec(argv.get(0).utf8());
        }

        public boolean isReadOnly() {
            return spec().readOnly();
        }
    }

    /** Reads the keys' versions for WATCH. Result: {@link Result.Array} of {@link Result.Int}. */
    record Versions(List<Bytes> keys) implements Command {
        public Versions {
            keys = List.copyOf(keys);
        }

        public boolean isReadOnly() {
            return true;
        }
    }

    /**
     * The active expiry sweep's search: walks the keyspace from {@code cursor} ({@code
     * Keyspace#scan}) over about {@code count} keys and reports those whose expiry time has passed
     * at the command's stamp. Result: {@link Result.Array} of the next cursor (0: the walk is
     * complete) and an array of the keys. The sweep then proposes {@link ExpireKeys} for them.
     */
    record ExpiredKeys(long cursor, int count) implements Command {
        public ExpiredKeys {
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1, got " + count);
            }
        }

        public boolean isReadOnly() {
            return true;
        }
    }

    /**
     * The active expiry sweep: deletes those of {@code keys} whose expiry time has passed at the
     * command's stamp ({@link Timed}); a key written since it was chosen is left alone. Result:
     * {@link Result.Int}, how many were deleted.
     */
    record ExpireKeys(List<Bytes> keys) implements Command {
        public ExpireKeys {
            keys = List.copyOf(keys);
        }

        public boolean isReadOnly() {
            return false;
        }
    }

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
