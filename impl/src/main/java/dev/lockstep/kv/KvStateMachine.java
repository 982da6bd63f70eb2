package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.CodecException;
import dev.lockstep.base.Wire;
import dev.lockstep.kv.redis.Db;

/**
 * The replicated state machine every protocol drives: the {@link KvStore} plus
 * {@link SessionTable client sessions}. Pure and deterministic: replicas that apply the same
 * commands in the same order hold equal state and return equal results; under a partial order,
 * replicas that apply conflicting commands ({@link Conflicts}) in the same order do.
 *
 * <p>It knows no log index: where a command sits in the execution order is the protocol's
 * business ({@code Effect.Apply} carries it), and a snapshot carries the protocol's own
 * description of what it covers ({@link #snapshot(byte[])}).
 */
public final class KvStateMachine {
    public static final int DEFAULT_MAX_CLIENTS = 100_000;

    private final KvStore store;
    private final SessionTable sessions;

    /** An empty state machine whose sessions evict the least recently applied client (a total order). */
    public KvStateMachine() {
        this(SessionTable.Eviction.LEAST_RECENTLY_APPLIED);
    }

    /** An empty state machine whose sessions are bounded as {@code eviction} says. */
    public KvStateMachine(SessionTable.Eviction eviction) {
        this(new KvStore(), new SessionTable(DEFAULT_MAX_CLIENTS, eviction));
    }

    KvStateMachine(KvStore store, SessionTable sessions) {
        this.store = store;
        this.sessions = sessions;
    }

    /**
     * Applies the next command of the execution order. A request already applied under the same
     * id is not run again: its first result is returned.
     *
     * @param id the request's id, or null for commands without a client (no-ops, session expiry)
     */
    public Result apply(RequestId id, Command command) {
        if (command instanceof Command.ExpireSessions x) {
            sessions.expire(x.keep());
            return Result.Ok.INSTANCE;
        }
        if (id == null) {
            return store.apply(withoutAck(command), Db.NO_CLOCK, 0, true);
        }
        Result earlier = sessions.lookup(id);
        if (earlier != null) {
            return earlier;
        }
        if (command instanceof Command.EndSession) {
            sessions.end(id.client());
            return Result.Ok.INSTANCE;
        }
        if (command instanceof Command.Acked a) {
            sessions.forgetBelow(id.client(), a.lowestUnanswered());
        }
        Result result = store.apply(withoutAck(command), Db.NO_CLOCK, seedOf(id), true);
        sessions.record(id, result);
        return result;
    }

    /** Serves a read-only command against the current state (the caller ensures linearizability). */
    public Result read(Command command) {
        if (!command.isReadOnly()) {
            throw new IllegalArgumentException("not a read-only command: " + command);
        }
        return store.apply(withoutAck(command), Db.NO_CLOCK, 0, false);
    }

    /** The request's identity as a number: what versions and random choices mix in. */
    private static long seedOf(RequestId id) {
        return Db.mix(id.client() * 0x9E3779B97F4A7C15L + id.seq());
    }

    /** The command a write's acknowledgement carries, or the command itself. */
    private static Command withoutAck(Command command) {
        return command instanceof Command.Acked a ? a.command() : command;
    }

    public KvStore store() {
        return store;
    }

    /** The client sessions (read-only use: counts for tests and operators). */
    public SessionTable sessions() {
        return sessions;
    }

    /**
     * A deterministic encoding of the whole state (keys sorted; sessions in their table order, or
     * sorted by client when order-free) together with {@code coverage}: the protocol's own,
     * opaque description of which commands the snapshot reflects (for a log, {@link
     * #slotCoverage}).
     */
    public byte[] snapshot(byte[] coverage) {
        return KvSnapshotCodec.encode(coverage, store.keyspace(), sessions);
    }

    /** A snapshot of a log's state after applying slots {@code 1..index}. */
    public byte[] snapshotAtSlot(long index) {
        return snapshot(slotCoverage(index));
    }

    /** The coverage of a log protocol's snapshot: every slot up to {@code index}. */
    public static byte[] slotCoverage(long index) {
        Wire.Writer w = new Wire.Writer(10);
        w.uvar(index);
        return w.toByteArray();
    }

    /**
     * Rebuilds a state machine from {@link #snapshot}'s bytes.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot
     */
    public static Restored restore(byte[] snapshot) {
        return KvSnapshotCodec.decode(snapshot);
    }

    /** A restored state machine and what its snapshot covers. */
    public record Restored(KvStateMachine machine, byte[] coverage) {
        /**
         * The slot a log protocol's snapshot covers up to.
         *
         * @throws IllegalArgumentException when the coverage is not a single slot
         */
        public long slot() {
            try {
                Wire.Reader r = new Wire.Reader(coverage);
                long index = r.uvar();
                r.expectEnd();
                return index;
            } catch (CodecException e) {
                throw new IllegalArgumentException("snapshot coverage is not a log slot: " + e.getMessage(), e);
            }
        }
    }

    /** Content equality of the stored data: types, values, expiry times and versions (for checkers and tests). */
    public boolean sameContentAs(KvStateMachine other) {
        return java.util.Arrays.equals(contentBytes(), other.contentBytes());
    }

    private byte[] contentBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            dev.lockstep.kv.redis.KeyspaceCodec.write(out, store.keyspace());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
