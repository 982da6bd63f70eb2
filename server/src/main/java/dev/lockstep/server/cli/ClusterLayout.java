package dev.lockstep.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the configuration files of a cluster whose replicas all run on one host: for replica
 * {@code n<i>}, {@code <dir>/n<i>.yaml} with data in {@code <dir>/n<i>/}. Used by the
 * {@code cluster} command and by the tests.
 */
public final class ClusterLayout {

    /** The three ports of one replica. */
    public record Ports(int client, int peer, int admin) {}

    private ClusterLayout() {}

    /** Ports derived from a base port: client {@code base+i}, peer {@code base+100+i}, admin {@code base+200+i}. */
    public static List<Ports> derived(int basePort, int replicas) {
        List<Ports> ports = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            ports.add(new Ports(basePort + i, basePort + 100 + i, basePort + 200 + i));
        }
        return ports;
    }

    /**
     * @param extra additional top-level fields (tickMs, fsync, timeouts, tuning, ...)
     * @return the config file of each replica, n1 first
     */
    public static List<Path> write(Path dir, String clusterId, String protocol, String host, List<Ports> ports,
            Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            Ports p = ports.get(i);
            members.put("n" + (i + 1), Map.of("peer", host + ":" + p.peer(), "clientPort", p.client(),
                    "adminPort", p.admin()));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String id = "n" + (i + 1);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("replicaId", id);
            config.put("clusterId", clusterId);
            config.put("protocol", protocol);
            config.put("dataDir", dir.resolve(id).toAbsolutePath().toString());
            config.put("bind", host);
            config.putAll(extra);
            config.put("members", members);
            Path file = dir.resolve(id + ".yaml");
            Files.writeString(file, "# written by `lockstep cluster`; see docs/operations.md\n"
                    + yaml.writeValueAsString(config));
            files.add(file);
        }
        return files;
    }
}
