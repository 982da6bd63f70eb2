package dev.lockstep.server.admin;

import dev.lockstep.server.peer.PeerState;
import dev.lockstep.server.resp.CommandObserver;
import dev.lockstep.server.runtime.StatusText;
import dev.lockstep.server.wal.CommitMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics (names in docs/operations.md): client requests by command
 * and their latency, group-commit batch sizes and fsync time (from the WAL's
 * {@link CommitMetrics} hook), and gauges of role, term, commit/applied index and peers and
 * counters such as the bytes sent to peers, read at scrape time from the {@link AdminView}.
 */
public final class ServerMetrics implements CommandObserver, CommitMetrics {
    private static final double[] LATENCY_BOUNDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram syncRecords;
    private final Histogram syncPersists;
    private final Histogram fsyncSeconds;
    private final Counter walBytes;
    private final Map<String, CounterDataPoint> okByCommand = new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> errorByCommand = new ConcurrentHashMap<>();

    public ServerMetrics(Supplier<AdminView> view) {
        requests = Counter.builder().name("lockstep_requests_total")
                .help("Client commands answered, by command and outcome").labelNames("command", "outcome")
                .register(registry);
        latency = Histogram.builder().name("lockstep_request_duration_seconds")
                .help("Time from reading a client command to its reply").classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS).register(registry);
        syncRecords = Histogram.builder().name("lockstep_wal_batch_records")
                .help("Records made durable by one fsync (group commit batch size)").classicOnly()
                .classicUpperBounds(BATCH_BOUNDS).register(registry);
        syncPersists = Histogram.builder().name("lockstep_wal_batch_persists")
                .help("Replica persist steps made durable by one fsync").classicOnly()
                .classicUpperBounds(BATCH_BOUNDS).register(registry);
        fsyncSeconds = Histogram.builder().name("lockstep_wal_fsync_duration_seconds")
                .help("Time spent in one write-ahead log sync (fsync)").classicOnly()
                .classicUpperBounds(LATENCY_BOUNDS).register(registry);
        walBytes = Counter.builder().name("lockstep_wal_written_bytes_total")
                .help("Record payload bytes appended to the write-ahead log").register(registry);
        registerGauges(view);
    }

    /** The protocol's counters are named by the status the replica reports at start-up. */
    private void registerGauges(Supplier<AdminView> view) {
        java.util.List<String> counters = java.util.List.copyOf(view.get().status().counters().keySet());
        GaugeWithCallback.builder().name("lockstep_role")
                .help("1, labelled with the replica's current role (the protocol's name for it, lower case)")
                .labelNames("role").callback(cb -> cb.call(1, StatusText.state(view.get().status())))
                .register(registry);
        GaugeWithCallback.builder().name("lockstep_term").help("Current term (ballot); only for a protocol with a leader")
                .callback(cb -> view.get().status().leadership().ifPresent(l -> cb.call(l.term()))).register(registry);
        gauge("lockstep_is_leader", "1 if this replica leads", () -> view.get().status().leading() ? 1 : 0);
        for (String counter : counters) {
            gauge("lockstep_" + StatusText.snakeCase(counter), "The protocol's counter " + counter,
                    () -> view.get().status().counter(counter));
        }
        gauge("lockstep_peers_connected", "Peers our connection to is established",
                () -> view.get().peers().stream().filter(p -> p.outbound().equals("connected")).count());
        gauge("lockstep_client_connections", "Open client connections", () -> view.get().clientStats().connected());
        gauge("lockstep_effects_waiting", "Effects held behind a persist that is not yet durable",
                () -> view.get().runtimeStats().waitingEffects());
        counter("lockstep_forwarded_requests", "Client requests forwarded to the leader",
                () -> view.get().forwardedRequests());
        counter("lockstep_peer_sent_bytes", "Frame bytes (header and body) written to peer connections: protocol "
                + "messages, forwarded requests and answers, handshakes", () -> view.get().peerSentBytes());
        counter("lockstep_replica_steps", "Events stepped by the replica", () -> view.get().runtimeStats().steps());
        counter("lockstep_applied_entries", "Apply effects executed", () -> view.get().runtimeStats().applies());
        CounterWithCallback.builder().name("lockstep_peer_frames_dropped")
                .help("Frames to a peer dropped (unreachable, queue full, socket backed up)").labelNames("peer")
                .callback(cb -> {
                    for (PeerState p : view.get().peers()) {
                        cb.call(p.dropped(), p.id().toString());
                    }
                }).register(registry);
    }

    private void gauge(String name, String help, Supplier<Number> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.get().doubleValue()))
                .register(registry);
    }

    private void counter(String name, String help, Supplier<Number> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.get().doubleValue()))
                .register(registry);
    }

    @Override
    public void onCommand(String command, long nanos, boolean error) {
        Map<String, CounterDataPoint> byCommand = error ? errorByCommand : okByCommand;
        byCommand.computeIfAbsent(command, c -> requests.labelValues(c, error ? "error" : "ok")).inc();
        latency.observe(nanos / 1e9);
    }

    @Override
    public void onSync(SyncStats stats) {
        syncRecords.observe(stats.records());
        syncPersists.observe(stats.submissions());
        fsyncSeconds.observe(stats.syncNanos() / 1e9);
        walBytes.inc(stats.bytes());
    }

    /** The Prometheus text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
