package dev.lockstep.server.bench;

/**
 * One test's result as redis-benchmark reports it with {@code --csv}: requests per second and
 * latency in milliseconds (redis-benchmark 7 prints avg, min, p50, p95, p99 and max; older
 * versions only rps, whose latencies are then {@code NaN}).
 *
 * @param test the test name as printed ({@code SET}, {@code GET}, ...)
 */
public record Measurement(String test, double rps, double avgMs, double minMs, double p50Ms, double p95Ms,
        double p99Ms, double maxMs) {}
