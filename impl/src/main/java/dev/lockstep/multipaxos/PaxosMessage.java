package dev.lockstep.multipaxos;

import dev.lockstep.base.Bytes;
import dev.lockstep.core.Message;
import java.util.List;
import java.util.Objects;

/**
 * MultiPaxos's messages, one record per message type of docs/protocols/multipaxos-contract.md,
 * with the contract's field names. Sender and receiver are not fields: the transport knows them.
 * Every message carries a {@code ballot} (reported as {@link Message#term()}).
 */
public sealed interface PaxosMessage extends Message {

    long ballot();

    @Override
    default long term() {
        return ballot();
    }

    /** The contract's {@code type} field: the record's simple name. */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * Before it prepares, a replica whose election timer fired asks whether the others would
     * promise {@code ballot} now (Paxos's counterpart of Raft's PreVote, thesis §9.6), so that a
     * replica cut off from a healthy leader cannot depose it when it comes back. Changes no spec
     * variable, so it is not traced (TraceMultiPaxos.tla and TraceRSPaxos.tla never see it).
     */
    record PrePrepareRequest(long ballot) implements PaxosMessage {
        @Override
        public boolean traced() {
            return false;
        }
    }

    /** Whether the sender would promise {@code ballot}: it is above its promise and it hears no leader. */
    record PrePrepareResponse(long ballot, boolean ok) implements PaxosMessage {
        @Override
        public boolean traced() {
            return false;
        }
    }

    /** Phase 1a ("Paxos Made Simple" §2.2) for every slot above {@code commit} (the sender's commitIndex). */
    record PrepareRequest(long ballot, long commit) implements PaxosMessage {}

    /**
     * Phase 1b. {@code ok}: the responder promised {@code ballot}; {@code entries}: what it has
     * accepted above the request's commit (empty when not ok). {@code commit}: the responder's
     * commitIndex. A refusal carries the responder's promised ballot.
     */
    record PrepareResponse(long ballot, boolean ok, long commit, List<SlotEntry> entries) implements PaxosMessage {
        public PrepareResponse {
            entries = List.copyOf(entries);
            for (SlotEntry e : entries) {
                if (e.entry().isNone()) {
                    throw new IllegalArgumentException("a promise reports accepted values only, got a hole at " + e.slot());
                }
            }
        }
    }

    /**
     * Phase 2a for slots {@code slot, slot + 1, ...}; no entries is a heartbeat. Every entry
     * carries {@code ballot} as its ballot. {@code commit}: the leader's commitIndex.
     */
    record AcceptRequest(long ballot, long slot, List<PaxosEntry> entries, long commit) implements PaxosMessage {
        public AcceptRequest {
            entries = List.copyOf(entries);
            for (PaxosEntry e : entries) {
                if (e.isNone() || e.bal() != ballot) {
                    throw new IllegalArgumentException("an accept request proposes values in its own ballot, got " + e);
                }
            }
        }
    }

    /**
     * Phase 2b: the responder accepted {@code count} slots from {@code slot} on ({@code ok}), or
     * refused with its promised ballot. {@code commit}: its commitIndex after the request.
     */
    record AcceptResponse(long ballot, boolean ok, long slot, long count, long commit) implements PaxosMessage {}

    /** Chosen values for slots {@code slot, slot + 1, ...} with their original ballots (no reply). */
    record CatchUpRequest(long ballot, long slot, List<PaxosEntry> entries) implements PaxosMessage {
        public CatchUpRequest {
            entries = List.copyOf(entries);
            for (PaxosEntry e : entries) {
                if (e.isNone()) {
                    throw new IllegalArgumentException("a catch-up carries chosen values, not holes");
                }
            }
        }
    }

    /**
     * The sender's state-machine snapshot covering slots {@code 1..lastSlot} (all chosen). Beyond
     * the contract's {@code lastSlot} it carries {@code lastBal}, the ballot of slot
     * {@code lastSlot} in the sender's log (so the receiver's {@code logLastBal} stays exact), and
     * the snapshot bytes; neither is traced.
     */
    record InstallSnapshotRequest(long ballot, long lastSlot, long lastBal, Bytes data) implements PaxosMessage {
        public InstallSnapshotRequest {
            Objects.requireNonNull(data, "data");
        }
    }

    /** One accepted slot as a promise reports it: the spec's {@code [slot, bal, kind, id]}. */
    record SlotEntry(long slot, PaxosEntry entry) {
        public SlotEntry {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * RSPaxos: the sender knows slots {@code slot .. slot + count - 1} are chosen and asks for the
     * shards the receiver holds of them, to rebuild their values and execute them (a follower
     * cannot execute from its own shard).
     */
    record ReconstructRequest(long ballot, long slot, int count) implements PaxosMessage {
        public ReconstructRequest {
            if (slot < 1 || count < 1) {
                throw new IllegalArgumentException("reconstruct slots " + slot + " x " + count);
            }
        }
    }

    /**
     * RSPaxos: the entries the responder holds for slots {@code slot, slot + 1, ...} (shards with
     * their ballots, holes where it holds nothing).
     */
    record ReconstructResponse(long ballot, long slot, List<PaxosEntry> entries) implements PaxosMessage {
        public ReconstructResponse {
            entries = List.copyOf(entries);
        }
    }
}
