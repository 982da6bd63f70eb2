package dev.lockstep.multipaxos;

import dev.lockstep.common.erasure.Shard;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.util.Objects;

/**
 * One slot of an acceptor's log: the value it accepted there and the ballot it accepted it in
 * (Lamport, "Paxos Made Simple" §2.2 and §3). The spec models it as {@code [bal, kind, id]}; the
 * command travels with it but is not in the spec.
 *
 * <ul>
 *   <li>{@code "none"}: nothing accepted in this slot (a hole): {@link #NONE}, ballot 0.
 *   <li>{@code "noop"}: the filler a new leader proposes for a slot nobody reported (no request id).
 *   <li>{@code "cmd"}: a client command (read-only or not: reads go through the log too).
 * </ul>
 *
 * @param bal the ballot the value was accepted in (0 only for a hole)
 * @param id the client request id; null for a noop or a hole
 * @param command the state-machine command; {@link Command.Noop} for a noop, null for a hole or a shard
 * @param shard RSPaxos only: the one Reed-Solomon shard of the value that this acceptor stores in
 *     place of {@code command} (null otherwise); the value is known by its request id and digest
 */
public record PaxosEntry(long bal, RequestId id, Command command, Shard shard) {
    public static final PaxosEntry NONE = new PaxosEntry(0, null, null, null);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    public PaxosEntry {
        if (command != null && shard != null) {
            throw new IllegalArgumentException("an entry holds a command or a shard of one, not both");
        }
        if (shard != null) {
            if (bal < 1) {
                throw new IllegalArgumentException("an accepted shard needs a positive ballot, got " + bal);
            }
        } else if (command == null) {
            if (bal != 0 || id != null) {
                throw new IllegalArgumentException("a hole has ballot 0 and no request id");
            }
        } else {
            if (bal < 1) {
                throw new IllegalArgumentException("an accepted value needs a positive ballot, got " + bal);
            }
            if (id == null && !(command instanceof Command.Noop)) {
                throw new IllegalArgumentException("only a noop has no request id");
            }
        }
    }

    /** The value a new leader proposes for a slot no promise reported (spec kind {@code "noop"}). */
    public static PaxosEntry noop(long bal) {
        return new PaxosEntry(bal, null, Command.Noop.INSTANCE, null);
    }

    /** Shard {@code shard.index()} of a value (request id {@code id}, null for a noop) accepted in {@code bal}. */
    public static PaxosEntry coded(long bal, RequestId id, Shard shard) {
        return new PaxosEntry(bal, id, null, Objects.requireNonNull(shard, "shard"));
    }

    public static PaxosEntry cmd(long bal, RequestId id, Command command) {
        return new PaxosEntry(bal, Objects.requireNonNull(id, "id"), Objects.requireNonNull(command, "command"), null);
    }

    /** True for a hole (spec kind {@code "none"}). */
    public boolean isNone() {
        return command == null && shard == null;
    }

    public boolean isNoop() {
        return !isNone() && id == null;
    }

    /** True for a shard of a value (RSPaxos) rather than the value itself. */
    public boolean isCoded() {
        return shard != null;
    }

    /**
     * RSPaxos's identity of the value, the same for every shard of it and in every ballot
     * (RSPaxos.tla's {@code val}): {@code "noop#<digest>"} or {@code "<client>:<seq>#<digest>"};
     * {@code ""} for anything that is not a shard.
     */
    public String valueId() {
        return shard == null ? "" : (id == null ? "noop" : id.toString()) + "#" + Long.toHexString(shard.digest());
    }

    /** The spec's {@code kind}: {@code "none"}, {@code "noop"} or {@code "cmd"}. */
    public String kind() {
        return isNone() ? "none" : isNoop() ? "noop" : "cmd";
    }

    /** The spec's {@code id}: {@code "<client>:<seq>"}, or {@code ""} for a noop or a hole. */
    public String idText() {
        return id == null ? "" : id.toString();
    }

    /** The same value accepted in ballot {@code ballot}. */
    public PaxosEntry withBal(long ballot) {
        return ballot == bal ? this : new PaxosEntry(ballot, id, command, shard);
    }

    /** Equal values (request id and command), whatever the ballots. */
    public boolean sameValue(PaxosEntry other) {
        if (shard != null || other.shard != null) {
            return shard != null && other.shard != null && Objects.equals(id, other.id)
                    && shard.digest() == other.shard.digest();
        }
        return Objects.equals(id, other.id) && Objects.equals(command, other.command);
    }

    /** A hash of the value alone (not the ballot) at {@code slot}; equal values give equal hashes. */
    long valueHash(long slot) {
        long value = shard != null ? shard.digest() : Objects.hashCode(command);
        long z = (Objects.hashCode(id) * 31L + value) * MIX ^ (slot * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
