package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import java.util.Map;

/**
 * The replicated state machine every protocol drives: the {@link KvStore} plus
 * {@link SessionTable client sessions}, applied in log order. Pure and deterministic: replicas
 * that apply the same commands at the same indices hold equal state and return equal results.
 */
public final class KvStateMachine {
    public static final int DEFAULT_MAX_CLIENTS = 100_000;

    private final KvStore store;
    private final SessionTable sessions;
    private long appliedIndex;

    public KvStateMachine() {
        this(new KvStore(), new SessionTable(DEFAULT_MAX_CLIENTS), 0);
    }

    KvStateMachine(KvStore store, SessionTable sessions, long appliedIndex) {
        this.store = store;
        this.sessions = sessions;
        this.appliedIndex = appliedIndex;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Applies the log entry at {@code index} (which must be {@code appliedIndex() + 1}). A
     * request already applied under the same id is not run again: its first result is returned.
     *
     * @param id the request's id, or null for entries without a client (no-ops)
     */
    public Result apply(long index, RequestId id, Command command) {
        if (index != appliedIndex + 1) {
            throw new IllegalStateException("apply out of order: index " + index + " after " + appliedIndex);
        }
        appliedIndex = index;
        if (id == null) {
            return store.apply(withoutAck(command));
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
        Result result = store.apply(withoutAck(command));
        sessions.record(id, result);
        return result;
    }

    /** Serves a read-only command against the current state (the caller ensures linearizability). */
    public Result read(Command command) {
        if (!command.isReadOnly()) {
            throw new IllegalArgumentException("not a read-only command: " + command);
        }
        return store.apply(withoutAck(command));
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

    /** A deterministic encoding of the whole state, including sessions and the applied index. */
    public byte[] snapshot() {
        return KvSnapshotCodec.encode(appliedIndex, store.entries(), sessions);
    }

    /** Rebuilds a state machine from {@link #snapshot()}'s bytes. */
    public static KvStateMachine restore(byte[] snapshot) {
        return KvSnapshotCodec.decode(snapshot);
    }

    /** Content equality (for checkers and tests). */
    public boolean sameContentAs(KvStateMachine other) {
        Map<Bytes, Bytes> mine = store.entries();
        return appliedIndex == other.appliedIndex && mine.equals(other.store.entries());
    }
}
