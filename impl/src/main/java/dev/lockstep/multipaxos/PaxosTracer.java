package dev.lockstep.multipaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Role;
import dev.lockstep.common.TraceLine;
import dev.lockstep.common.Tracer;
import dev.lockstep.core.Effect;
import dev.lockstep.kv.RequestId;
import dev.lockstep.multipaxos.PaxosMessage.AcceptRequest;
import dev.lockstep.multipaxos.PaxosMessage.AcceptResponse;
import dev.lockstep.multipaxos.PaxosMessage.CatchUpRequest;
import dev.lockstep.multipaxos.PaxosMessage.InstallSnapshotRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareRequest;
import dev.lockstep.multipaxos.PaxosMessage.PrepareResponse;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructRequest;
import dev.lockstep.multipaxos.PaxosMessage.ReconstructResponse;
import dev.lockstep.multipaxos.PaxosMessage.SlotEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Effect.Trace} lines of docs/protocols/multipaxos-contract.md, "Trace lines":
 * {@code node}, {@code msg} (the received message), {@code params}, {@code sent} (the messages the
 * action sent) and {@code state} (post-values: promised, role, commitIndex, logLen, logLastBal).
 * Extra state: {@code firstSlot}/{@code lastSlot} for BecomeLeader and ClientRequest,
 * {@code promises} (sorted) for HandlePrepareResponse. Numbers are {@link Long}. When tracing is
 * off every method returns at once, so nothing is built.
 */
final class PaxosTracer extends Tracer<PaxosMessage> {
    private final PaxosContext ctx;

    PaxosTracer(PaxosContext ctx, boolean on) {
        super(ctx.out, ctx.self, on);
        this.ctx = ctx;
    }

    void promises(String action, NodeId from, PaxosMessage m, int mark) {
        if (on()) {
            emit(action, from, m, null, mark, Map.of("promises", promiseList()));
        }
    }

    /**
     * BecomeLeader: the slots it wrote ({@code lastSlot = firstSlot - 1} when none). RSPaxos logs
     * it as {@code Propose} with the values proposed ({@code vals}) and the promises they were
     * chosen from ({@code promises}).
     */
    void becomeLeader(long firstSlot, long lastSlot, List<PaxosEntry> proposals, int mark) {
        if (on()) {
            Map<String, Object> params = null;
            if (ctx.coding.coded()) {
                List<String> vals = new ArrayList<>(proposals.size());
                proposals.forEach(e -> vals.add(e.valueId()));
                params = params("vals", vals, "promises", promiseList());
            }
            emit("BecomeLeader", null, null, params, mark, slotRange(firstSlot, lastSlot));
        }
    }

    void clientRequest(RequestId id, long slot, PaxosEntry stored, int mark) {
        if (on()) {
            Map<String, Object> params = ctx.coding.coded()
                    ? params("id", id.toString(), "vals", List.of(stored.valueId())) : params("id", id.toString());
            emit("ClientRequest", null, null, params, mark, slotRange(slot, slot));
        }
    }

    /** RSPaxos: a chosen slot's value was rebuilt (or held) and applied. */
    void execute(long slot, PaxosEntry held) {
        if (on() && ctx.coding.coded()) {
            emit("Execute", null, null, params("slot", slot, "val", held.valueId()), ctx.out.mark(), null);
        }
    }

    /** RSPaxos: asked every peer for its shards of {@code first..last}. */
    void reconstruct(long first, long last, int mark) {
        if (on()) {
            emit("Reconstruct", null, null, params("slot", first, "count", last - first + 1), mark, null);
        }
    }

    /** RSPaxos.tla names the actions it shares with MultiPaxos after the paper's phases. */
    @Override
    protected String actionName(String action) {
        if (!ctx.coding.coded()) {
            return action;
        }
        return switch (action) {
            case "HandlePrepareRequest" -> "HandlePrepare";
            case "BecomeLeader", "ClientRequest" -> "Propose";
            case "HandleAcceptRequest" -> "HandleAccept";
            case "AdvanceCommit" -> "Commit";
            default -> action;
        };
    }

    /** {@code Accept} or {@code CatchUp} towards {@code peer}. */
    void accept(String action, NodeId peer, long slot, int count, int mark) {
        if (on()) {
            emit(action, null, null, params("peer", peer.toString(), "slot", slot, "count", (long) count), mark, null);
        }
    }

    void installSnapshot(NodeId peer, long lastSlot, int mark) {
        if (on()) {
            emit("InstallSnapshot", null, null, params("peer", peer.toString(), "lastSlot", lastSlot), mark, null);
        }
    }

    void commit(long n, int mark) {
        if (on()) {
            emit("AdvanceCommit", null, null, params("n", n), mark, null);
        }
    }

    @Override
    protected Map<String, Object> messageFields(NodeId from, NodeId to, PaxosMessage m) {
        return fields(from, to, m);
    }

    @Override
    protected Map<String, Object> stateFields() {
        PaxosState st = ctx.state;
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("promised", st.promised);
        state.put("role", roleName(st.role));
        state.put("commitIndex", st.commitIndex);
        state.put("logLen", st.log.len());
        state.put("logLastBal", st.log.lastBal());
        return state;
    }

    private List<String> promiseList() {
        return ctx.members.namesIn(ctx.state.promises);
    }

    private static Map<String, Object> slotRange(long firstSlot, long lastSlot) {
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("firstSlot", firstSlot);
        range.put("lastSlot", lastSlot);
        return range;
    }

    private static Map<String, Object> params(Object... namesAndValues) {
        return TraceLine.params(namesAndValues);
    }

    /** The spec's name of a role ({@code role[i]}). */
    static String roleName(Role role) {
        return switch (role) {
            case FOLLOWER -> "Follower";
            case PRE_CANDIDATE -> "Preparing";
            case LEADER -> "Leader";
            case CANDIDATE -> throw new IllegalStateException("MultiPaxos has no Candidate role");
        };
    }

    /**
     * A message as the contract's JSON-shaped map: {@code type, from, to, ballot} and the type's
     * fields. Public so that a simulator can log the network actions ({@code DuplicateMessage},
     * {@code DropMessage}) in the same shape.
     */
    public static Map<String, Object> fields(NodeId from, NodeId to, PaxosMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", m.type());
        f.put("from", from.toString());
        f.put("to", to.toString());
        f.put("ballot", m.ballot());
        if (m instanceof PrepareRequest r) {
            f.put("commit", r.commit());
        } else if (m instanceof PrepareResponse r) {
            f.put("ok", r.ok());
            f.put("commit", r.commit());
            f.put("entries", slotEntries(r.entries()));
        } else if (m instanceof AcceptRequest r) {
            f.put("slot", r.slot());
            f.put("entries", entries(r.entries(), false));
            f.put("commit", r.commit());
        } else if (m instanceof AcceptResponse r) {
            f.put("ok", r.ok());
            f.put("slot", r.slot());
            f.put("count", r.count());
            f.put("commit", r.commit());
        } else if (m instanceof CatchUpRequest r) {
            f.put("slot", r.slot());
            f.put("entries", entries(r.entries(), true));
        } else if (m instanceof InstallSnapshotRequest r) {
            f.put("lastSlot", r.lastSlot());
        } else if (m instanceof ReconstructRequest r) {
            f.put("slot", r.slot());
            f.put("count", (long) r.count());
        } else if (m instanceof ReconstructResponse r) {
            f.put("slot", r.slot());
            f.put("entries", entries(r.entries(), true));
        }
        return Collections.unmodifiableMap(f);
    }

    private static List<Object> slotEntries(List<SlotEntry> entries) {
        List<Object> list = new ArrayList<>(entries.size());
        for (SlotEntry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("slot", e.slot());
            entry.put("bal", e.entry().bal());
            entry.put("kind", e.entry().kind());
            entry.put("id", e.entry().idText());
            if (e.entry().isCoded()) {
                entry.put("val", e.entry().valueId());
            }
            list.add(Collections.unmodifiableMap(entry));
        }
        return Collections.unmodifiableList(list);
    }

    private static List<Object> entries(List<PaxosEntry> entries, boolean withBal) {
        List<Object> list = new ArrayList<>(entries.size());
        for (PaxosEntry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (withBal) {
                entry.put("bal", e.bal());
            }
            entry.put("kind", e.kind());
            entry.put("id", e.idText());
            if (e.isCoded()) {
                entry.put("val", e.valueId());
            }
            list.add(Collections.unmodifiableMap(entry));
        }
        return Collections.unmodifiableList(list);
    }
}
