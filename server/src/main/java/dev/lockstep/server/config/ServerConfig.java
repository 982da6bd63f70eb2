package dev.lockstep.server.config;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.ParameterSet;
import dev.lockstep.core.Parameters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated server configuration (see docs/operations.md for the file format). Built only by
 * {@link ConfigLoader}, which checks every field and names the offending one on error.
 *
 * @param self this replica's id
 * @param clusterId a name shared by every member; peers from another cluster are refused
 * @param protocol a name from {@code ProtocolRegistry}
 * @param members every replica of the cluster (including self), in id order
 * @param dataDir where the write-ahead log and the identity file live
 * @param bindHost the local address the client, peer and admin listeners bind to
 * @param clientPort the Redis protocol port
 * @param adminPort the HTTP admin port (metrics, status, cluster page)
 * @param tickMs wall-clock milliseconds per logical tick
 * @param fsync whether the log fsyncs before acknowledging durability
 * @param seed the replica's PRNG seed, or empty to draw one at start-up
 * @param traceOut the NDJSON trace file, or empty (trace effects dropped)
 */
public record ServerConfig(
        NodeId self,
        String clusterId,
        String protocol,
        Map<NodeId, Member> members,
        Path dataDir,
        String bindHost,
        int clientPort,
        int adminPort,
        int tickMs,
        boolean fsync,
        Optional<Long> seed,
        Optional<Path> traceOut,
        Limits limits,
        Timeouts timeouts,
        Tuning tuning) {

    /** Replica ids are packed into 15 bits of client session ids (see node.ClientIds). */
    public static final int MAX_REPLICA_ID = 32767;

    public ServerConfig {
        members = Map.copyOf(members);
    }

    /** One cluster member as every replica sees it. */
    public record Member(NodeId id, HostPort peer, int clientPort, int adminPort) {}

    /**
     * @param maxValueBytes largest single argument (key or value) of a client command
     * @param maxRequestBytes largest client command (all arguments) and MULTI transaction
     * @param maxClients most concurrent client connections
     * @param maxFrameBytes largest peer frame (snapshots travel in one frame)
     * @param peerQueueMessages most messages queued for one peer before new ones are dropped
     */
    public record Limits(int maxValueBytes, int maxRequestBytes, int maxClients, int maxFrameBytes,
                         int peerQueueMessages) {
        public static Limits defaults() {
            return new Limits(1 << 20, 8 << 20, 10_000, 64 << 20, 10_000);
        }
    }

    /**
     * @param requestMs a client request gets an answer (possibly -TRYAGAIN) within this time
     * @param forwardMs one forwarded attempt waits this long for the leader's answer
     * @param unknownRetries how often a request whose outcome is unknown is retried (same id)
     */
    public record Timeouts(int requestMs, int forwardMs, int unknownRetries) {
        public static Timeouts defaults() {
            return new Timeouts(5_000, 1_000, 3);
        }
    }

    /**
     * The protocol's own parameters (its registry entry's {@code ParameterSet}: for Raft and
     * MultiPaxos election and heartbeat ticks, batching, snapshots) and the server's threads, both
     * from the config's {@code tuning} section. Defaults measured in docs/benchmarks.md.
     *
     * @param parameters validated against the protocol's parameter set
     * @param ioThreads Netty I/O event loops for client and peer connections; the replica runs on
     *     the first of them, so with 1 a replica is one thread (plus its write-ahead log thread)
     */
    public record Tuning(Parameters parameters, int ioThreads) {
        public static final int DEFAULT_IO_THREADS = 1;

        /** Every parameter of {@code set} at its default, one I/O thread. */
        public static Tuning defaults(ParameterSet set) {
            return new Tuning(set.defaults(), DEFAULT_IO_THREADS);
        }
    }

    /** The members in id order. */
    public List<NodeId> memberIds() {
        return members.keySet().stream().sorted().toList();
    }

    public Member member(NodeId id) {
        return members.get(id);
    }

    /** The other members, in id order. */
    public List<Member> peers() {
        return memberIds().stream().filter(id -> !id.equals(self)).map(members::get).toList();
    }

    public ServerConfig withTraceOut(Optional<Path> file) {
        return new ServerConfig(self, clusterId, protocol, members, dataDir, bindHost, clientPort, adminPort,
                tickMs, fsync, seed, file, limits, timeouts, tuning);
    }
}
