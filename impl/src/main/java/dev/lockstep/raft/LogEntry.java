package dev.lockstep.raft;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.Objects;

/**
 * One entry of the Raft log (Raft paper §5.3). The spec models an entry as
 * {@code [term |-> t, kind |-> k, id |-> r]}; the command itself is carried here but not in the
 * spec.
 *
 * @param term the term of the leader that created the entry
 * @param id the client request id, or null for the no-op a new leader appends (Raft §8)
 * @param command the state-machine command ({@link Command.Noop} for the leader's no-op)
 */
public record LogEntry(long term, RequestId id, Command command) {

    public LogEntry {
        Objects.requireNonNull(command, "command");
        if (id == null && !(command instanceof Command.Noop)) {
            throw new IllegalArgumentException("only the leader's no-op has no request id");
        }
        if (term < 1) {
            throw new IllegalArgumentException("entry term must be positive, got " + term);
        }
    }

    /** The entry a leader appends when elected (spec action {@code BecomeLeader}). */
    public static LogEntry noop(long term) {
        return new LogEntry(term, null, Command.Noop.INSTANCE);
    }

    /** True for the leader's no-op (spec kind {@code "noop"}). */
    public boolean isNoop() {
        return id == null;
    }

    /** The spec's {@code kind}: {@code "noop"} or {@code "cmd"}. */
    public String kind() {
        return isNoop() ? "noop" : "cmd";
    }

    /** The spec's {@code id}: {@code "<client>:<seq>"}, or {@code ""} for a no-op. */
    public String idText() {
        return isNoop() ? "" : id.toString();
    }
}
