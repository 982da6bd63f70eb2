package dev.lockstep.epaxos;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client requests at the replica that took them, which leads their instance (EPaxos §4: any
 * replica coordinates the commands its clients send; no forwarding). Reads go the same way as
 * writes: a read is a command that conflicts with the writes of its key, so it is ordered after
 * every write that completed before it began, which makes it linearizable (EPaxos §4.3 executes
 * every command through the order; no read leases here).
 *
 * <p>Batching is adaptive (EPaxos §6.5): a request is proposed at once while fewer than
 * {@code maxInflight} own instances are being decided; otherwise it waits, and the waiting ones go
 * out together, up to {@code maxBatch} per instance, as soon as one is decided. The owner answers
 * a request when it executes its instance; an instance a recovery filled with a no-op carries
 * its requests into a new instance. A retry of a request that is waiting joins it. All of this is
 * volatile: after a restart clients retry, and sessions deduplicate.
 */
class Proposals {
    private final EPaxosContext ctx;
    private final ArrayDeque<ClientEntry> held = new ArrayDeque<>();
    /** Own instances whose clients wait for their execution. */
    private final Map<InstanceId, List<ClientEntry>> awaiting = new HashMap<>();
    /** Own instances proposed and not yet committed here. */
    private final Set<InstanceId> undecided = new HashSet<>();
    /** Waiting requests and how many times each was sent (a retry joins). */
    private final Map<RequestId, Integer> waiters = new HashMap<>();
    private InstanceId expiry;

    Proposals(EPaxosContext ctx) {
        this.ctx = ctx;
    }

    void submit(RequestId id, Command command) {
        Integer w = waiters.get(id);
        if (w != null) {
            waiters.put(id, w + 1);
            return;
        }
        waiters.put(id, 1);
        held.addLast(new ClientEntry(id, command));
    }

    /** Proposes held requests while fewer than {@code maxInflight} own instances are undecided. */
    void flush() {
        while (!held.isEmpty() && undecided.size() < ctx.tuning.maxInflight()) {
            List<ClientEntry> batch = new ArrayList<>();
            while (!held.isEmpty() && batch.size() < ctx.tuning.maxBatch()) {
                batch.add(held.pollFirst());
            }
            propose(Payload.Batch.of(batch), batch);
        }
    }

    /**
     * Registers the instance {@code cmd} is about to get before proposing it: with one replica
     * (every quorum is itself) the proposal commits inside {@code propose}, and {@link #committed}
     * must find it undecided and awaited.
     */
    private InstanceId propose(Payload cmd, List<ClientEntry> batch) {
        InstanceId id = new InstanceId(ctx.self, ctx.state.next);
        if (batch != null) {
            awaiting.put(id, batch);
        }
        undecided.add(id);
        InstanceId proposed = ctx.replication.propose(cmd);
        assert proposed.equals(id) : "proposed " + proposed + ", registered " + id;
        return proposed;
    }

    /**
     * The lowest replica keeps the order-free session table bounded: once it holds more than
     * {@link KvStateMachine#DEFAULT_MAX_CLIENTS} sessions it proposes an expiry (which conflicts
     * with every command, so every replica evicts the same sessions).
     */
    void tick() {
        boolean lowest = ctx.selfPos() == 0;
        if (lowest && expiry == null && ctx.state.machine.sessions().size() > KvStateMachine.DEFAULT_MAX_CLIENTS) {
            expiry = new InstanceId(ctx.self, ctx.state.next);
            propose(new Payload.Expiry(KvStateMachine.DEFAULT_MAX_CLIENTS * 9 / 10), null);
        }
    }

    /** An own instance committed here with {@code cmd}; a no-op sends its requests out again. */
    void committed(InstanceId id, Payload cmd) {
        undecided.remove(id);
        if (cmd.isNop()) {
            List<ClientEntry> again = awaiting.remove(id);
            if (again != null) {
                for (int k = again.size() - 1; k >= 0; k--) {
                    held.addFirst(again.get(k));
                }
            }
            if (id.equals(expiry)) {
                expiry = null;
            }
        }
    }

    /** This replica executed the {@code index}-th command of own instance {@code id}. */
    void executed(InstanceId id, RequestId rid, Result result) {
        if (!awaiting.containsKey(id)) {
            return;
        }
        Integer w = waiters.remove(rid);
        for (int k = 0; w != null && k < w; k++) {
            ctx.out.reply(rid, result);
        }
    }

    /** Own instance {@code id} is fully executed. */
    void done(InstanceId id) {
        awaiting.remove(id);
        if (id.equals(expiry)) {
            expiry = null;
        }
    }

    /** Restart: what clients were waiting for is gone (they retry). */
    void reset() {
        held.clear();
        awaiting.clear();
        undecided.clear();
        waiters.clear();
        expiry = null;
    }

    int undecided() {
        return undecided.size();
    }
}
