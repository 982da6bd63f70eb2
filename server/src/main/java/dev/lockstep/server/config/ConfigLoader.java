package dev.lockstep.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.base.NodeId;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Traits;
import dev.lockstep.server.config.ServerConfig.Limits;
import dev.lockstep.server.config.ServerConfig.Member;
import dev.lockstep.server.config.ServerConfig.Timeouts;
import dev.lockstep.server.config.ServerConfig.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads and validates a server configuration file: YAML ({@code .yaml}/{@code .yml}) or JSON.
 * Every check names the field it rejects; see docs/operations.md for the reference.
 */
public final class ConfigLoader {
    private static final int MAX_PORT = 65535;

    private final Function<String, Optional<Protocol>> protocols;

    /** A loader that accepts the protocols of {@link ProtocolRegistry}. */
    public ConfigLoader() {
        this(ProtocolRegistry::find);
    }

    /** A loader with its own notion of which protocols exist (tests). */
    public ConfigLoader(Function<String, Optional<Protocol>> protocols) {
        this.protocols = protocols;
    }

    public ServerConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return parse(text, yaml, file.toAbsolutePath().getParent());
    }

    /**
     * @param baseDir relative {@code dataDir} and trace paths are resolved against it
     */
    public ServerConfig parse(String text, boolean yaml, Path baseDir) throws ConfigException {
        JsonNode root;
        try {
            ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config is not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage(), e);
        }
        return build(new Fields(root, ""), baseDir);
    }

    private ServerConfig build(Fields f, Path baseDir) throws ConfigException {
        NodeId self = nodeId(f.string("replicaId"), f.name("replicaId"));
        String clusterId = f.string("clusterId");
        String protocol = f.string("protocol");
        Optional<Protocol> known = protocols.apply(protocol);
        if (known.isEmpty()) {
            throw new ConfigException(f.name("protocol") + ": unknown protocol '" + protocol + "' (known: "
                    + String.join(", ", ProtocolRegistry.names()) + ")");
        }
        Map<NodeId, Member> members = members(f.requiredObject("members"));
        Traits.ClusterSizes sizes = known.get().traits().sizes();
        if (!sizes.allows(members.size())) {
            throw new ConfigException(f.name("members") + ": " + protocol + " runs with " + sizes.describe()
                    + ", the config lists " + members.size());
        }
        Member me = members.get(self);
        if (me == null) {
            throw new ConfigException(f.name("replicaId") + ": " + self + " is not one of the members "
                    + members.keySet());
        }
        Path dataDir = baseDir.resolve(f.string("dataDir")).normalize();
        String bind = f.optionalString("bind").orElse("0.0.0.0");
        int clientPort = (int) f.integer("clientPort", 1, MAX_PORT, me.clientPort());
        int adminPort = (int) f.integer("adminPort", 1, MAX_PORT, me.adminPort());
        int tickMs = (int) f.integer("tickMs", 1, 10_000, 10);
        boolean fsync = f.bool("fsync", true);
        Optional<Long> seed = f.has("seed") ? Optional.of(f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE))
                : Optional.empty();
        Optional<Path> trace = f.optionalString("traceOut").map(p -> baseDir.resolve(p).normalize());
        Limits limits = limits(f.object("limits"));
        Timeouts timeouts = timeouts(f.object("timeouts"));
        Tuning tuning = tuning(f.object("tuning"), protocol, known.get().parameters(), members.size());
        f.rejectUnknown();
        checkDistinctPorts(self, members, clientPort, adminPort);
        return new ServerConfig(self, clusterId, protocol, members, dataDir, bind, clientPort, adminPort,
                tickMs, fsync, seed, trace, limits, timeouts, tuning);
    }

    private static NodeId nodeId(String text, String field) throws ConfigException {
        try {
            NodeId id = NodeId.parse(text);
            if (id.value() > ServerConfig.MAX_REPLICA_ID) {
                throw new ConfigException(field + ": replica ids go up to n" + ServerConfig.MAX_REPLICA_ID
                        + ", got " + text);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field + ": " + e.getMessage());
        }
    }

    private static Map<NodeId, Member> members(Fields f) throws ConfigException {
        Map<NodeId, Member> members = new TreeMap<>();
        for (String key : f.keys()) {
            NodeId id = nodeId(key, f.name(key));
            Fields m = f.requiredObject(key);
            HostPort peer;
            try {
                peer = HostPort.parse(m.string("peer"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(m.name("peer") + ": " + e.getMessage());
            }
            int client = (int) m.integer("clientPort", 1, MAX_PORT);
            int admin = (int) m.integer("adminPort", 1, MAX_PORT);
            m.rejectUnknown();
            if (members.put(id, new Member(id, peer, client, admin)) != null) {
                throw new ConfigException(f.name(key) + ": member " + id + " is listed twice");
            }
        }
        if (members.isEmpty()) {
            throw new ConfigException("members: must list at least one member");
        }
        return members;
    }

    private static void checkDistinctPorts(NodeId self, Map<NodeId, Member> members, int clientPort, int adminPort)
            throws ConfigException {
        Member me = members.get(self);
        Set<Integer> mine = new HashSet<>();
        for (int port : new int[] {me.peer().port(), clientPort, adminPort}) {
            if (!mine.add(port)) {
                throw new ConfigException("ports: peer, client and admin ports of " + self
                        + " must differ, " + port + " is used twice");
            }
        }
        Set<String> peers = new HashSet<>();
        for (Member m : members.values()) {
            if (!peers.add(m.peer().toString())) {
                throw new ConfigException("members." + m.id() + ".peer: address " + m.peer()
                        + " is used by two members");
            }
        }
    }

    private static Limits limits(Optional<Fields> section) throws ConfigException {
        Limits d = Limits.defaults();
        if (section.isEmpty()) {
            return d;
        }
        Fields f = section.get();
        int maxValue = (int) f.integer("maxValueBytes", 1, Integer.MAX_VALUE, d.maxValueBytes());
        int maxRequest = (int) f.integer("maxRequestBytes", 1, Integer.MAX_VALUE, d.maxRequestBytes());
        int maxClients = (int) f.integer("maxClients", 1, 1_000_000, d.maxClients());
        int maxFrame = (int) f.integer("maxFrameBytes", 1024, Integer.MAX_VALUE, d.maxFrameBytes());
        int queue = (int) f.integer("peerQueueMessages", 1, 10_000_000, d.peerQueueMessages());
        f.rejectUnknown();
        if (maxRequest < maxValue) {
            throw new ConfigException(f.name("maxRequestBytes") + ": must be >= maxValueBytes (" + maxValue + ")");
        }
        return new Limits(maxValue, maxRequest, maxClients, maxFrame, queue);
    }

    private static Timeouts timeouts(Optional<Fields> section) throws ConfigException {
        Timeouts d = Timeouts.defaults();
        if (section.isEmpty()) {
            return d;
        }
        Fields f = section.get();
        int request = (int) f.integer("requestMs", 10, 3_600_000, d.requestMs());
        int forward = (int) f.integer("forwardMs", 10, 3_600_000, d.forwardMs());
        int retries = (int) f.integer("unknownRetries", 0, 100, d.unknownRetries());
        f.rejectUnknown();
        return new Timeouts(request, forward, retries);
    }

    /**
     * {@code ioThreads} is the server's; every other field is one of the protocol's parameters,
     * checked against its parameter set (name, range, and the rules between them).
     */
    private static Tuning tuning(Optional<Fields> section, String protocol, ParameterSet set, int replicas)
            throws ConfigException {
        if (section.isEmpty()) {
            return new Tuning(set.forCluster(Map.of(), replicas), Tuning.DEFAULT_IO_THREADS);
        }
        Fields f = section.get();
        int ioThreads = (int) f.integer("ioThreads", 1, 256, Tuning.DEFAULT_IO_THREADS);
        Map<String, Long> given = new LinkedHashMap<>();
        for (String key : f.keys()) {
            if (key.equals("ioThreads")) {
                continue;
            }
            if (set.find(key).isEmpty()) {
                throw new ConfigException(f.name(key) + ": '" + key + "' is not a parameter of " + protocol
                        + " (its parameters: " + (set.list().isEmpty() ? "none" : String.join(", ", set.names()))
                        + "; and the server's ioThreads)");
            }
            given.put(key, f.integer(key, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        f.rejectUnknown();
        try {
            return new Tuning(set.forCluster(given, replicas), ioThreads);
        } catch (IllegalArgumentException e) {
            String named = given.keySet().stream().filter(k -> e.getMessage().contains(k))
                    .min(java.util.Comparator.comparingInt(k -> e.getMessage().indexOf(k)))
                    .orElse(given.keySet().iterator().next());
            throw new ConfigException(f.name(named) + ": " + e.getMessage());
        }
    }
}
