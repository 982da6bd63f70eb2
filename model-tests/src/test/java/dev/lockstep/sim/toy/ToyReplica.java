package dev.lockstep.sim.toy;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.KvStateMachine;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-only replicated store with a fixed leader (the lowest id): the leader logs each write,
 * persists it, then applies, answers and forwards it to followers, which apply in order what
 * arrives in order. Reads are answered by the leader after every earlier write is durable (the
 * persist barrier). Enough protocol to drive every part of the simulator.
 */
final class ToyReplica implements Replica {
    record Replicate(long index, RequestId id, Command command) implements Message {
        public long term() {
            return 0;
        }
    }

    record Entry(long index, RequestId id, Command command) implements DurableRecord {}

    private final ReplicaConfig config;
    private final NodeId leader;
    private final ToyBug bug;
    private KvStateMachine machine = new KvStateMachine();
    private long applied;
    private long seq;

    ToyReplica(ReplicaConfig config, ToyBug bug) {
        this.config = config;
        this.leader = config.members().get(0);
        this.bug = bug;
    }

    @Override
    public NodeId id() {
        return config.self();
    }

    private boolean leads() {
        return config.self().equals(leader) || bug == ToyBug.EVERYONE_LEADS;
    }

    @Override
    public Step step(Event event) {
        if (event instanceof Event.ClientRequest r) {
            return clientRequest(r.id(), r.command());
        } else if (event instanceof Event.Receive r && r.message() instanceof Replicate m) {
            return replicate(m);
        } else if (event instanceof Event.Recover r) {
            return recover(r.durable());
        }
        return Step.EMPTY;
    }

    private Step clientRequest(RequestId id, Command command) {
        if (!leads()) {
            return new Step(List.of(new Effect.Reply(id, new Result.Redirect(Optional.of(leader)))));
        }
        if (command.isReadOnly()) {
            return new Step(List.of(new Effect.Reply(id, machine.read(command))));
        }
        long index = applied + 1;
        Result result = machine.apply(id, command);
        applied = index;
        List<Effect> sends = new ArrayList<>();
        List<Object> sent = new ArrayList<>();
        for (NodeId peer : config.members()) {
            if (!peer.equals(config.self())) {
                sends.add(new Effect.Send(peer, new Replicate(index, id, command)));
                sent.add(traceMessage(config.self(), peer, index, id));
            }
        }
        if (bug == ToyBug.LYING_TRACE && !sent.isEmpty()) {
            sent.remove(sent.size() - 1);
        }
        List<Effect> effects = new ArrayList<>();
        Effect.Persist persist = new Effect.Persist(++seq, List.of(new Entry(index, id, command)));
        Effect apply = new Effect.Apply(index, id, command, result);
        Effect reply = new Effect.Reply(id, result);
        if (bug == ToyBug.REPLY_BEFORE_PERSIST) {
            effects.add(reply);
        }
        effects.add(persist);
        addTrace(effects, "ClientRequest", Map.of("id", id.toString()), null, sent);
        effects.addAll(sends);
        effects.add(apply);
        if (bug != ToyBug.REPLY_BEFORE_PERSIST && bug != ToyBug.NEVER_ANSWERS) {
            effects.add(reply);
        }
        return new Step(effects);
    }

    private Step replicate(Replicate m) {
        if (m.index() != applied + 1) {
            return Step.EMPTY;
        }
        Result result = machine.apply(m.id(), m.command());
        applied = m.index();
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.Persist(++seq, List.of(new Entry(m.index(), m.id(), m.command()))));
        addTrace(effects, "HandleReplicate", Map.of(), traceMessage(leader, config.self(), m.index(), m.id()),
                List.of());
        effects.add(new Effect.Apply(m.index(), m.id(), m.command(), result));
        return new Step(effects);
    }

    private Step recover(List<DurableRecord> durable) {
        machine = new KvStateMachine();
        applied = 0;
        for (DurableRecord r : durable) {
            Entry e = (Entry) r;
            machine.apply(e.id(), e.command());
            applied = e.index();
        }
        List<Effect> effects = new ArrayList<>();
        addTrace(effects, "Restart", Map.of(), null, List.of());
        return new Step(effects);
    }

    private void addTrace(List<Effect> effects, String action, Map<String, Object> params,
            Map<String, Object> msg, List<Object> sent) {
        if (!config.tracing()) {
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("node", config.self().toString());
        if (msg != null) {
            f.put("msg", msg);
        }
        if (!params.isEmpty()) {
            f.put("params", params);
        }
        f.put("sent", sent);
        f.put("state", Map.of("applied", applied));
        effects.add(new Effect.Trace(action, f));
    }

    private static Map<String, Object> traceMessage(NodeId from, NodeId to, long index, RequestId id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "Replicate");
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("term", 0);
        m.put("index", index);
        m.put("id", id.toString());
        return m;
    }

    @Override
    public ReplicaStatus status() {
        boolean reportsLeader = config.self().equals(leader);
        return new ReplicaStatus(config.self(), reportsLeader ? "Leader" : "Follower",
                Optional.of(new ReplicaStatus.Leadership(0, reportsLeader, Optional.of(leader))),
                java.util.Map.of("appliedIndex", applied));
    }
}
