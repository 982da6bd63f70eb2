package dev.lockstep.trace;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scripted cluster of the real Raft core with tracing on, for generating small traces in
 * tests: a FIFO network the script drives, disks that make each Persist durable at once (then
 * {@code Persisted} is fed back), crash and restart from the disk. Trace lines come out in the
 * order the effects execute, network drops and duplicates are logged as the contract's
 * DropMessage/DuplicateMessage lines, exactly as the simulator does.
 */
final class ScriptedRaft {
    private record Envelope(NodeId from, NodeId to, Message message, Map<String, Object> traceForm) {}

    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, Replica> live = new TreeMap<>();
    private final Map<NodeId, List<DurableRecord>> disks = new TreeMap<>();
    private final LinkedList<Envelope> network = new LinkedList<>();
    private final List<TraceWriter.Line> lines = new ArrayList<>();
    private final Protocol raft = ProtocolRegistry.get("raft");
    private int instances;
    private long clientSeq;

    ScriptedRaft(int size) {
        for (int k = 1; k <= size; k++) {
            ids.add(NodeId.of(k));
        }
        for (NodeId id : ids) {
            live.put(id, fresh(id));
            disks.put(id, new ArrayList<>());
        }
    }

    private Replica fresh(NodeId id) {
        ReplicaConfig config = new LeaderTuning(10, 20, 2, 8, 4, 0).config(id, ids, true);
        return raft.factory().create(config, 7919L * ++instances + id.value());
    }

    static NodeId n(int k) {
        return NodeId.of(k);
    }

    List<TraceWriter.Line> lines() {
        return List.copyOf(lines);
    }

    Path write(Path file) throws IOException {
        TraceWriter.writeAll(file, lines);
        return file;
    }

    /** Ticks {@code id} until one of its steps traces {@code action}; fails after 1000 ticks. */
    ScriptedRaft tickUntil(int node, String action) {
        for (int k = 0; k < 1000; k++) {
            int before = lines.size();
            step(n(node), new Event.Tick(0));
            for (int i = before; i < lines.size(); i++) {
                if (lines.get(i).action().equals(action)) {
                    return this;
                }
            }
        }
        throw new AssertionError("n" + node + " never traced " + action);
    }

    /** Delivers every message in FIFO order until the network is quiet. */
    ScriptedRaft deliverAll() {
        for (int k = 0; !network.isEmpty(); k++) {
            if (k > 100_000) {
                throw new AssertionError("the network does not quiesce");
            }
            deliver(network.pollFirst());
        }
        return this;
    }

    /** Delivers only the first {@code count} messages in flight. */
    ScriptedRaft deliver(int count) {
        for (int k = 0; k < count && !network.isEmpty(); k++) {
            deliver(network.pollFirst());
        }
        return this;
    }

    /** The network loses the oldest message in flight (a DropMessage line). */
    ScriptedRaft dropOldest() {
        Envelope e = network.pollFirst();
        lines.add(new TraceWriter.Line("DropMessage", Map.of("msg", e.traceForm())));
        return this;
    }

    /** The network duplicates the oldest message in flight (a DuplicateMessage line). */
    ScriptedRaft duplicateOldest() {
        Envelope e = network.peekFirst();
        lines.add(new TraceWriter.Line("DuplicateMessage", Map.of("msg", e.traceForm())));
        network.addLast(e);
        return this;
    }

    ScriptedRaft put(int node, String key, String value) {
        return submit(node, new Command.Put(Bytes.utf8(key), Bytes.utf8(value)));
    }

    ScriptedRaft get(int node, String key) {
        return submit(node, new Command.Get(Bytes.utf8(key)));
    }

    private ScriptedRaft submit(int node, Command command) {
        step(n(node), new Event.ClientRequest(new RequestId(1, ++clientSeq), command));
        return this;
    }

    ScriptedRaft crash(int node) {
        live.remove(n(node));
        return this;
    }

    ScriptedRaft restart(int node) {
        live.put(n(node), fresh(n(node)));
        step(n(node), new Event.Recover(List.copyOf(disks.get(n(node)))));
        return this;
    }

    private void deliver(Envelope e) {
        if (!live.containsKey(e.to())) {
            lines.add(new TraceWriter.Line("DropMessage", Map.of("msg", e.traceForm())));
            return;
        }
        step(e.to(), new Event.Receive(e.from(), e.message()));
    }

    private void step(NodeId id, Event event) {
        Replica r = live.get(id);
        if (r == null) {
            return;
        }
        Step s = r.step(event);
        List<Map<String, Object>> sent = sentForms(s);
        long persisted = 0;
        int sendIndex = 0;
        for (Effect e : s.effects()) {
            if (e instanceof Effect.Persist p) {
                disks.get(id).addAll(p.records());
                persisted = p.seq();
            } else if (e instanceof Effect.Trace t) {
                lines.add(new TraceWriter.Line(t.action(), new LinkedHashMap<>(t.fields())));
            } else if (e instanceof Effect.Send send) {
                network.addLast(new Envelope(id, send.to(), send.message(), sent.get(sendIndex++)));
            }
        }
        if (persisted > 0) {
            step(id, new Event.Persisted(persisted));
        }
    }

    /** The "sent" lists of the step's trace lines, in order: one per Send effect. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sentForms(Step s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Effect e : s.effects()) {
            if (e instanceof Effect.Trace t && t.fields().get("sent") instanceof List<?> list) {
                list.forEach(m -> out.add((Map<String, Object>) m));
            }
        }
        return out;
    }
}
