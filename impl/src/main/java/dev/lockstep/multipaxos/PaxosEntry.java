package dev.lockstep.multipaxos;

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
 * @param command the state-machine command; {@link Command.Noop} for a noop, null for a hole
 */
public record PaxosEntry(long bal, RequestId id, Command command) {
    public static final PaxosEntry NONE = new PaxosEntry(0, null, null);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    public PaxosEntry {
        if (command == null) {
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
        return new PaxosEntry(bal, null, Command.Noop.INSTANCE);
    }

    public static PaxosEntry cmd(long bal, RequestId id, Command command) {
        return new PaxosEntry(bal, Objects.requireNonNull(id, "id"), Objects.requireNonNull(command, "command"));
    }

    /** True for a hole (spec kind {@code "none"}). */
    public boolean isNone() {
        return command == null;
    }

    public boolean isNoop() {
        return command != null && id == null;
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
        return ballot == bal ? this : new PaxosEntry(ballot, id, command);
    }

    /** Equal values (request id and command), whatever the ballots. */
    public boolean sameValue(PaxosEntry other) {
        return Objects.equals(id, other.id) && Objects.equals(command, other.command);
    }

    /** A hash of the value alone (not the ballot) at {@code slot}; equal values give equal hashes. */
    long valueHash(long slot) {
        long z = (Objects.hashCode(id) * 31L + Objects.hashCode(command)) * MIX ^ (slot * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
