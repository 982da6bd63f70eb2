package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A small closed-loop load generator for probing a running cluster by hand (the comparison
 * with Redis is {@code lockstep bench}): {@code clients} threads, each with its own connection
 * to one of the given ports (several ports spread the load over replicas, which
 * redis-benchmark cannot), sending SETs of {@code valueBytes} in batches of {@code pipeline},
 * for {@code seconds}. Prints ops/s and latency percentiles of each batch.
 *
 * <p>Usage: {@code LoadProbe PORTS CLIENTS SECONDS [PIPELINE] [VALUE_BYTES]}, e.g.
 * {@code LoadProbe 7001,7002,7003 16 10 1 100}.
 */
public final class LoadProbe {
    private LoadProbe() {}

    public static void main(String[] args) throws Exception {
        String[] ports = args[0].split(",");
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int pipeline = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String value = "v".repeat(args.length > 4 ? Integer.parseInt(args[4]) : 100);
        Recorder latency = new Recorder(3);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int port = Integer.parseInt(ports[c % ports.length].trim());
            int client = c;
            Thread t = new Thread(() -> run(port, client, pipeline, value, end, latency, ops, errors));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        var h = latency.getIntervalHistogram();
        System.out.printf("clients=%d pipeline=%d value=%dB ports=%s: %.0f ops/s, errors=%d, batch latency "
                + "p50=%.2fms p99=%.2fms max=%.2fms%n", clients, pipeline, value.length(), args[0],
                ops.get() / (double) seconds, errors.get(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    private static void run(int port, int client, int pipeline, String value, long end, Recorder latency,
            AtomicLong ops, AtomicLong errors) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
            long i = 0;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                try {
                    if (pipeline == 1) {
                        jedis.set("key-" + client + "-" + (i++ % 1000), value);
                    } else {
                        Pipeline p = jedis.pipelined();
                        for (int k = 0; k < pipeline; k++) {
                            p.set("key-" + client + "-" + (i++ % 1000), value);
                        }
                        p.sync();
                    }
                    ops.addAndGet(pipeline);
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
                latency.recordValue(System.nanoTime() - start);
            }
        }
    }
}
