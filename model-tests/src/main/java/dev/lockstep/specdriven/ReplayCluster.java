package dev.lockstep.specdriven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Message;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.Replica;
import dev.lockstep.core.ReplicaConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cores of one replayed behaviour, under the driver's full control: no timers, no network
 * and no disk of their own. The driver ticks a node, delivers a message from the in-flight bag,
 * submits a request, or restarts a node; every write is durable at once (the replay checks the
 * protocol's steps, not crash timing: a restart keeps every record written before it, as the
 * spec's Restart keeps the durable state). The trace lines each stimulus makes are queued for the
 * matcher, and the messages it sends go into the bag with their trace forms (the spec's view).
 */
final class ReplayCluster {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message in flight, with the form its sender's trace line gave it. */
    record InFlight(NodeId from, NodeId to, Message message, JsonNode form) {}

    /** A trace line a core wrote, as JSON (the action name under "action"). */
    record CoreLine(String action, JsonNode fields) {}

    private final Protocol protocol;
    private final List<NodeId> members;
    private final Map<NodeId, Replica> replicas = new HashMap<>();
    private final Map<NodeId, List<DurableRecord>> disks = new HashMap<>();
    private final Map<NodeId, Long> clocks = new HashMap<>();
    private final List<InFlight> bag = new ArrayList<>();
    private final Deque<CoreLine> lines = new ArrayDeque<>();
    /** Messages outside the spec (untraced): the driver delivers them at once, in order. */
    private final Deque<InFlight> hidden = new ArrayDeque<>();
    private final long tickNanos;
    private final long seed;

    ReplayCluster(Protocol protocol, List<NodeId> members, long tickNanos, long seed) {
        this.protocol = protocol;
        this.members = List.copyOf(members);
        this.tickNanos = tickNanos;
        this.seed = seed;
        for (NodeId n : members) {
            disks.put(n, new ArrayList<>());
            clocks.put(n, 0L);
            replicas.put(n, create(n));
        }
    }

    private Replica create(NodeId n) {
        ReplicaConfig config = new ReplicaConfig(n, members, protocol.parameters().forCluster(
                protocol.parameters().defaults().values(), members.size()), true);
        return protocol.factory().create(config, seed + members.indexOf(n));
    }

    Deque<CoreLine> lines() {
        return lines;
    }

    List<InFlight> bag() {
        return bag;
    }

    /** Advances n's clock by one tick. */
    void tick(NodeId n) {
        long now = clocks.merge(n, tickNanos, Long::sum);
        step(n, new Event.Tick(now));
    }

    /** Delivers every message outside the spec, and those they cause, in order. */
    void deliverHidden() {
        for (int k = 0; k < 10_000 && !hidden.isEmpty(); k++) {
            InFlight f = hidden.pollFirst();
            step(f.to(), new Event.Receive(f.from(), f.message()));
        }
    }

    void request(NodeId n, Event.ClientRequest request) {
        step(n, request);
    }

    /** Delivers (and removes) the first message in flight equal to {@code form} addressed to its "to". */
    Optional<InFlight> deliver(JsonNode form) {
        Optional<InFlight> m = take(form);
        m.ifPresent(f -> step(f.to(), new Event.Receive(f.from(), f.message())));
        return m;
    }

    Optional<InFlight> take(JsonNode form) {
        for (Iterator<InFlight> it = bag.iterator(); it.hasNext();) {
            InFlight f = it.next();
            if (Forms.sameMessage(f.form(), form)) {
                it.remove();
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    Optional<InFlight> find(JsonNode form) {
        return bag.stream().filter(f -> Forms.sameMessage(f.form(), form)).findFirst();
    }

    /** A crash and a restart from every record written. */
    void restart(NodeId n) {
        Replica fresh = create(n);
        replicas.put(n, fresh);
        step(n, new Event.Recover(disks.get(n)));
    }

    private void step(NodeId n, Event event) {
        List<Effect> effects = replicas.get(n).step(event).effects();
        Iterator<JsonNode> forms = sentForms(effects).iterator();
        long persisted = -1;
        for (Effect e : effects) {
            switch (e) {
                case Effect.Persist p -> {
                    disks.get(n).addAll(p.records());
                    persisted = p.seq();
                }
                case Effect.Send s -> {
                    if (!s.message().traced()) {
                        hidden.add(new InFlight(n, s.to(), s.message(), null));
                    } else if (forms.hasNext()) {
                        bag.add(new InFlight(n, s.to(), s.message(), forms.next()));
                    }
                }
                case Effect.Trace t -> lines.add(new CoreLine(t.action(), JSON.valueToTree(t.fields())));
                case Effect.Apply a -> { }
                case Effect.Reply r -> { }
            }
        }
        if (persisted >= 0) {
            step(n, new Event.Persisted(persisted));
        }
    }

    private static List<JsonNode> sentForms(List<Effect> effects) {
        List<JsonNode> forms = new ArrayList<>();
        for (Effect e : effects) {
            if (e instanceof Effect.Trace t && t.fields().get("sent") instanceof List<?> list) {
                for (Object m : list) {
                    forms.add(Forms.normalize(JSON.valueToTree(m)));
                }
            }
        }
        return forms;
    }
}
