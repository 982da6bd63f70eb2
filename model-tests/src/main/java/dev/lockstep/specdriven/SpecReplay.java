package dev.lockstep.specdriven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.Event;
import dev.lockstep.core.Protocol;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.trace.SpecBehaviours;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays one behaviour the spec generated against the protocol's Java cores (the spec-driven
 * conformance test, docs/verification.md): for each step it imposes what the step names from
 * outside (delivers the message, fires the timeout, submits the request, drops or duplicates the
 * message, restarts the node), then requires the core to have taken that very step: a trace line
 * of the same action and node, with the same message, parameters, resulting node state and sent
 * messages. A step the core takes that the spec does not (other than its own appends and
 * heartbeats), or one the spec takes that the core does not, is a mismatch.
 */
public final class SpecReplay {

    /** Where a behaviour and the core parted: the step, and what differed. */
    public record Mismatch(int step, String detail) {}

    private final Protocol protocol;
    private final ReplayProfile profile;
    private final List<NodeId> members;
    private final long tickNanos;

    SpecReplay(Protocol protocol, ReplayProfile profile, List<NodeId> members, long tickNanos) {
        this.protocol = protocol;
        this.profile = profile;
        this.members = List.copyOf(members);
        this.tickNanos = tickNanos;
    }

    /**
     * Replays {@code behaviour}; empty when the core took every step the spec took, and no other.
     * A behaviour TLC cut at its depth bound ({@code cut}) may end where the core has gone on in
     * the same event (a local step or the handling after UpdateTerm: the spec's next steps, which
     * the bound left out).
     */
    Optional<Mismatch> replay(SpecBehaviours.Behaviour behaviour, long seed, boolean cut) {
        ReplayCluster cluster = new ReplayCluster(protocol, members, tickNanos, seed);
        List<JsonNode> steps = behaviour.steps();
        for (int k = 0; k < steps.size(); k++) {
            Optional<String> problem;
            try {
                problem = step(cluster, steps.get(k));
            } catch (RuntimeException e) {
                problem = Optional.of("the core threw " + e);
            }
            if (problem.isPresent()) {
                return Optional.of(new Mismatch(k + 1, problem.get()));
            }
        }
        skipCoreInitiative(cluster, null);
        if (cut) {
            cluster.lines().clear(); // the spec's next steps, which the depth bound left out
        }
        if (!cluster.lines().isEmpty()) {
            return Optional.of(new Mismatch(steps.size() + 1, "the behaviour ended, but the core went on to take "
                    + describe(cluster.lines().peekFirst())));
        }
        return Optional.empty();
    }

    private Optional<String> step(ReplayCluster cluster, JsonNode step) {
        String act = step.get("act").asText();
        skipCoreInitiative(cluster, act);
        if (act.equals(ReplayProfile.DROP) || act.equals(ReplayProfile.DUPLICATE)) {
            return network(cluster, act, step.get("msg"));
        }
        if (cluster.lines().isEmpty()) {
            Optional<String> notImposed = impose(cluster, act, step);
            if (notImposed.isPresent()) {
                return notImposed;
            }
        } else if (receives(step) && !profile.keepMessage().contains(act)) {
            cluster.take(step.get("msg")); // the copy kept in flight since the core handled it
        }
        skipCoreInitiative(cluster, act);
        ReplayCluster.CoreLine line = cluster.lines().pollFirst();
        if (line == null) {
            return Optional.of("the spec took " + act + " at " + node(step) + ", the core took no step");
        }
        return StepMatch.compare(line, step, profile.setFields());
    }

    private Optional<String> network(ReplayCluster cluster, String act, JsonNode msg) {
        if (!cluster.lines().isEmpty()) {
            return Optional.of("the spec took " + act + ", but the core first took "
                    + describe(cluster.lines().peekFirst()));
        }
        Optional<ReplayCluster.InFlight> m = act.equals(ReplayProfile.DROP) ? cluster.take(msg) : cluster.find(msg);
        if (m.isEmpty()) {
            return Optional.of("the spec's " + act + " names " + msg + ", which no core sent (or it was consumed)");
        }
        if (act.equals(ReplayProfile.DUPLICATE)) {
            cluster.bag().add(m.get());
        }
        return Optional.empty();
    }

    /** Makes the core face what the step names; a local step needs nothing (the core took it already). */
    private Optional<String> impose(ReplayCluster cluster, String act, JsonNode step) {
        NodeId n = NodeId.parse(node(step));
        if (act.equals(profile.timeout())) {
            for (int t = 0; t < profile.maxTicks() && cluster.lines().isEmpty(); t++) {
                cluster.tick(n);
                cluster.deliverHidden();
            }
            return Optional.empty();
        }
        if (act.equals(profile.request())) {
            cluster.request(n, request(step.get("params").get("id").asText()));
            return Optional.empty();
        }
        if (act.equals(profile.restart())) {
            cluster.restart(n);
            return Optional.empty();
        }
        if (receives(step)) {
            JsonNode msg = step.get("msg");
            Optional<ReplayCluster.InFlight> delivered = cluster.deliver(msg);
            if (delivered.isEmpty()) {
                return Optional.of("the spec's " + act + " receives " + msg + ", which no core sent");
            }
            if (profile.keepMessage().contains(act)) {
                cluster.bag().add(delivered.get());
            }
            return Optional.empty();
        }
        return profile.local().contains(act) ? Optional.empty()
                : Optional.of("the replay does not know how to impose " + act);
    }

    /** Passes over the core's own appends and heartbeats, unless the spec names that very action. */
    private void skipCoreInitiative(ReplayCluster cluster, String act) {
        while (!cluster.lines().isEmpty() && profile.coreInitiative().contains(cluster.lines().peekFirst().action())
                && !cluster.lines().peekFirst().action().equals(act)) {
            cluster.lines().pollFirst();
        }
    }

    /** A request "client:seq" as the spec names it: a SET of a key per client. */
    private static Event.ClientRequest request(String id) {
        String[] parts = id.split(":");
        RequestId rid = new RequestId(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        return new Event.ClientRequest(rid, new Command.Put(Bytes.utf8("k" + parts[0]), Bytes.utf8(id)));
    }

    private static boolean receives(JsonNode step) {
        JsonNode msg = step.get("msg");
        return msg != null && !msg.path("type").asText().equals("none");
    }

    private static String node(JsonNode step) {
        return step.path("node").asText();
    }

    static String describe(ReplayCluster.CoreLine line) {
        return line.action() + " at " + line.fields().path("node").asText();
    }

    static List<String> describe(SpecBehaviours.Behaviour b) {
        List<String> out = new ArrayList<>();
        int k = 1;
        for (JsonNode s : b.steps()) {
            out.add(String.format("%3d %s", k++, StepMatch.describe(s)));
        }
        return out;
    }
}
