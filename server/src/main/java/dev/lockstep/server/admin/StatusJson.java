package dev.lockstep.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.server.config.ServerConfig;
import dev.lockstep.server.peer.PeerState;
import dev.lockstep.server.runtime.StatusText;
import java.io.UncheckedIOException;

/**
 * {@code /status}: role and state, term and leader (null without a leader), the protocol's counters
 * (commit and applied index, ...), the peers and their connection state, and the members'
 * addresses (the cluster page uses them to poll every member).
 */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {}

    static byte[] render(AdminView view) {
        ServerConfig config = view.config();
        ReplicaStatus s = view.status();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", config.self().toString());
        root.put("clusterId", config.clusterId());
        root.put("protocol", config.protocol());
        root.put("role", StatusText.publicRole(s));
        root.put("state", StatusText.state(s));
        root.put("term", s.leadership().map(ReplicaStatus.Leadership::term).orElse(null));
        root.put("leader", s.leadership().flatMap(ReplicaStatus.Leadership::leader).map(Object::toString).orElse(null));
        s.counters().forEach(root::put);
        root.put("uptimeSeconds", view.uptimeMillis() / 1000);
        root.put("clientConnections", view.clientStats().connected());
        root.put("commandsProcessed", view.clientStats().commands());
        root.put("forwardedRequests", view.forwardedRequests());
        root.put("walTruncatedTail", view.truncatedTail().orElse(null));
        root.put("failure", view.failure().orElse(null));
        ArrayNode peers = root.putArray("peers");
        for (PeerState p : view.peers()) {
            ObjectNode n = peers.addObject();
            n.put("id", p.id().toString());
            n.put("address", p.address());
            n.put("state", p.outbound());
            n.put("inbound", p.inbound());
            n.put("sent", p.sent());
            n.put("dropped", p.dropped());
            n.put("connects", p.connects());
            n.put("lastError", p.lastError());
        }
        ArrayNode members = root.putArray("members");
        for (var id : config.memberIds()) {
            ServerConfig.Member m = config.member(id);
            members.addObject().put("id", id.toString()).put("host", m.peer().host())
                    .put("clientPort", m.clientPort()).put("adminPort", m.adminPort());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
