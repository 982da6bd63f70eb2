package dev.lockstep.server.cli;

import dev.lockstep.core.Protocol;
import dev.lockstep.core.ProtocolRegistry;
import dev.lockstep.core.Traits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster}: writes one config per replica, starts one JVM per replica, prints how to
 * connect, waits for a leader, and stops every child on Ctrl-C/SIGTERM. Children also exit on
 * their own if this process is killed (they watch their stdin).
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run a local cluster: one replica process per member, on consecutive ports.")
final class ClusterCommand implements Callable<Integer> {
    static final long LEADER_WAIT_MS = 30_000;
    /** JVM options of each replica unless --jvm-opt is given (see docs/benchmarks.md). */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    @Option(names = "--protocol", defaultValue = "raft", description = "replication protocol (default: ${DEFAULT-VALUE})")
    String protocol;

    @Option(names = "--replicas", description = "number of replicas (default: the protocol's, 3 for most; "
            + "1 for repnothing)")
    Integer replicas;

    @Option(names = "--base-port", defaultValue = "7001",
            description = "client ports from here; peer ports +100, admin ports +200 (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--data", defaultValue = "lockstep-data", description = "configs, data and logs (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address every replica binds to")
    String host;

    @Option(names = "--tick-ms", defaultValue = "10", description = "milliseconds per protocol tick")
    int tickMs;

    @Option(names = "--no-fsync", description = "skip fsync (NOT durable; for benchmarks)")
    boolean noFsync;

    @Option(names = "--trace", description = "write each replica's trace to <data>/n<i>.trace.ndjson")
    boolean trace;

    @Option(names = "--jvm-opt", paramLabel = "OPT", description = "option for each replica JVM (repeatable)")
    List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);

    @Override
    public Integer call() throws Exception {
        int size = replicas != null ? replicas
                : ProtocolRegistry.find(protocol).map(p -> p.traits().sizes().local()).orElse(3);
        Optional<String> problem = checkLayout(protocol, size, basePort);
        if (problem.isPresent()) {
            System.err.println("lockstep: " + problem.get());
            return 2;
        }
        LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(protocol, size, basePort, data, host,
                tickMs, !noFsync, trace, jvmOptions, Map.of()));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-replicas"));
        cluster.printLayout(System.out);
        boolean withLeader = cluster.hasLeader();
        System.out.printf("connect with: redis-cli -p %d   (any replica; %s)%n", cluster.ports().get(0).client(),
                withLeader ? "followers forward to the leader" : "each takes requests itself");
        System.out.println("stop with Ctrl-C");
        long start = System.nanoTime();
        Optional<LocalCluster.Leader> leader = cluster.awaitLeader(LEADER_WAIT_MS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (leader.isPresent() && withLeader) {
            System.out.printf("leader elected: %s (term %d) after %d ms%n", leader.get().id(), leader.get().term(), ms);
        } else if (leader.isPresent()) {
            System.out.printf(size == 1 ? "the replica is up after %2$d ms%n" : "all %d replicas up after %d ms%n", size, ms);
        } else {
            System.out.println((withLeader ? "no leader elected" : "not every replica answered") + " within "
                    + LEADER_WAIT_MS / 1000 + " s; check the logs");
        }
        return cluster.watch(System.out);
    }

    /** Why this protocol, replica count and base port cannot make a cluster, if they cannot. */
    static Optional<String> checkLayout(String protocol, int replicas, int basePort) {
        Optional<Protocol> p = ProtocolRegistry.find(protocol);
        if (p.isEmpty()) {
            return Optional.of("unknown protocol '" + protocol + "' (known: "
                    + String.join(", ", ProtocolRegistry.names()) + ")");
        }
        Traits.ClusterSizes sizes = p.get().traits().sizes();
        if (!sizes.allows(replicas)) {
            return Optional.of(protocol + " runs with " + sizes.describe() + ", not " + replicas);
        }
        if (replicas < 1 || replicas > 99 || basePort < 1 || basePort + 200 + replicas > 65535) {
            return Optional.of("need 1..99 replicas and ports that fit below 65536");
        }
        return Optional.empty();
    }
}
