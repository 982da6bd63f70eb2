package dev.lockstep.server.resp;

import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.server.peer.PeerState;
import dev.lockstep.server.runtime.StatusText;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The text of INFO: sections {@code server}, {@code replication} (role leader|follower|replica,
 * the protocol's state, term and leader for a protocol with a leader, the protocol's counters
 * such as commit and applied index, peers), {@code stats}, {@code memory} (the JVM heap: what the
 * replica's data, log and buffers use) and {@code keyspace}, as {@code key:value} lines.
 */
final class InfoReport {
    static final List<String> SECTIONS = List.of("server", "replication", "stats", "memory", "keyspace");
    static final String VERSION = "0.1.0";

    private InfoReport() {}

    /**
     * @param wanted section names in lower case; empty, "all", "everything" or "default" = all
     */
    static String render(ServerView view, ClientStats clients, Set<String> wanted) {
        boolean all = wanted.isEmpty() || wanted.contains("all") || wanted.contains("everything")
                || wanted.contains("default");
        StringBuilder sb = new StringBuilder();
        if (all || wanted.contains("server")) {
            server(sb, view);
        }
        if (all || wanted.contains("replication")) {
            replication(sb, view);
        }
        if (all || wanted.contains("stats")) {
            stats(sb, view, clients);
        }
        if (all || wanted.contains("memory")) {
            memory(sb, view);
        }
        if (all || wanted.contains("keyspace")) {
            keyspace(sb, view);
        }
        return sb.toString();
    }

    private static void server(StringBuilder sb, ServerView view) {
        sb.append("# Server\r\n");
        line(sb, "lockstep_version", VERSION);
        line(sb, "redis_version", "7.2.0");
        line(sb, "redis_mode", "lockstep");
        line(sb, "protocol", view.config().protocol());
        line(sb, "cluster_id", view.config().clusterId());
        line(sb, "replica_id", view.config().self().toString());
        line(sb, "process_id", Long.toString(ProcessHandle.current().pid()));
        line(sb, "tcp_port", Integer.toString(view.config().clientPort()));
        line(sb, "admin_port", Integer.toString(view.config().adminPort()));
        line(sb, "multiplexing_api", view.epoll() ? "epoll" : "nio");
        line(sb, "uptime_in_seconds", Long.toString(view.uptimeMillis() / 1000));
        line(sb, "tick_ms", Integer.toString(view.config().tickMs()));
        line(sb, "fsync", Boolean.toString(view.config().fsync()));
        sb.append("\r\n");
    }

    private static void replication(StringBuilder sb, ServerView view) {
        ReplicaStatus s = view.status();
        sb.append("# Replication\r\n");
        line(sb, "role", StatusText.publicRole(s));
        line(sb, "state", StatusText.state(s));
        s.leadership().ifPresent(l -> {
            line(sb, "term", Long.toString(l.term()));
            line(sb, "leader", l.leader().map(Object::toString).orElse("none"));
        });
        s.counters().forEach((name, value) -> line(sb, StatusText.snakeCase(name), Long.toString(value)));
        List<PeerState> peers = view.peers();
        line(sb, "peers", peers.stream().map(p -> p.id() + "=" + p.outbound()).collect(Collectors.joining(",")));
        line(sb, "connected_peers", Long.toString(peers.stream().filter(p -> p.outbound().equals("connected")).count()));
        for (PeerState p : peers) {
            line(sb, "peer_" + p.id(), "address=" + p.address() + ",outbound=" + p.outbound() + ",inbound="
                    + (p.inbound() ? "connected" : "none") + ",sent=" + p.sent() + ",dropped=" + p.dropped());
        }
        sb.append("\r\n");
    }

    private static void stats(StringBuilder sb, ServerView view, ClientStats clients) {
        sb.append("# Stats\r\n");
        line(sb, "connected_clients", Long.toString(clients.connected()));
        line(sb, "total_connections_received", Long.toString(clients.accepted()));
        line(sb, "rejected_connections", Long.toString(clients.rejected()));
        line(sb, "total_commands_processed", Long.toString(clients.commands()));
        line(sb, "total_error_replies", Long.toString(clients.errors()));
        line(sb, "protocol_errors", Long.toString(clients.protocolErrors()));
        line(sb, "sessions_ended", Long.toString(clients.sessionsEnded()));
        line(sb, "forwarded_requests", Long.toString(view.forwardedRequests()));
        sb.append("\r\n");
    }

    /**
     * Redis's used_memory is the allocator's count of the data set; a JVM's nearest honest figure
     * is the heap in use, which also holds the log, buffers and garbage not yet collected (so it
     * is an upper bound; docs/benchmarks.md measures per-key memory after a full GC).
     */
    private static void memory(StringBuilder sb, ServerView view) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long keys = view.status().counters().getOrDefault("keys", 0L);
        sb.append("# Memory\r\n");
        line(sb, "used_memory", Long.toString(used));
        line(sb, "used_memory_human", String.format("%.2fM", used / 1048576.0));
        line(sb, "used_memory_peak", Long.toString(rt.totalMemory()));
        line(sb, "maxmemory", Long.toString(rt.maxMemory()));
        line(sb, "maxmemory_policy", "noeviction");
        line(sb, "used_memory_per_key", keys == 0 ? "0" : Long.toString(used / keys));
        sb.append("\r\n");
    }

    private static void keyspace(StringBuilder sb, ServerView view) {
        long keys = view.status().counters().getOrDefault("keys", 0L);
        sb.append("# Keyspace\r\n");
        if (keys > 0) {
            line(sb, "db0", "keys=" + keys + ",expires=" + view.status().counters().getOrDefault("expires", 0L)
                    + ",avg_ttl=0");
        }
        sb.append("\r\n");
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append(':').append(value).append("\r\n");
    }
}
