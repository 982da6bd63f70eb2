package dev.lockstep.raft;

import dev.lockstep.common.erasure.Shard;
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
 * @param command the state-machine command ({@link Command.Noop} for the leader's no-op); null in
 *     a shard
 * @param shard CRaft only: the one Reed-Solomon shard of the entry's value that this replica
 *     stores in place of the value (null for a full copy); the value is known by its index and
 *     term (Raft never changes an entry's term) and the shard's digest
 */
public record LogEntry(long term, RequestId id, Command command, Shard shard) {

    /** A full copy of a value (every entry of Raft; CRaft's full-copy mode). */
    public LogEntry(long term, RequestId id, Command command) {
        this(term, id, command, null);
    }

    public LogEntry {
        if ((command == null) == (shard == null)) {
            throw new IllegalArgumentException("an entry holds a command or a shard of one");
        }
        if (command != null && id == null && !(command instanceof Command.Noop)) {
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

    /** Shard {@code shard.index()} of the value of request {@code id} (null: a no-op), in {@code term}. */
    public static LogEntry coded(long term, RequestId id, Shard shard) {
        return new LogEntry(term, id, null, Objects.requireNonNull(shard, "shard"));
    }

    /** True for a shard of the value rather than a full copy (CRaft). */
    public boolean isCoded() {
        return shard != null;
    }

    /**
     * The hash {@link RaftLog}'s fingerprints use when a log may hold shards: the same for every
     * form of one entry (a full copy or any shard of it), so replicas' committed prefixes compare.
     */
    public long identityHash() {
        return Long.hashCode(term) * 31L + Objects.hashCode(id);
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
