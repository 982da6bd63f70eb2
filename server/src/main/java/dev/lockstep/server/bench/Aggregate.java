package dev.lockstep.server.bench;

import java.util.List;

/**
 * Several redis-benchmark processes that ran at the same time (one per replica), read as one
 * measurement.
 *
 * <p><b>ops/s</b> is all their requests divided by the time of the slowest process (its requests
 * divided by its ops/s: redis-benchmark's own elapsed time, without process start-up). The sum of
 * the processes' ops/s would overstate it: a process that finishes early had its rate measured
 * while the others competed for the same cores, and the others then run with less competition,
 * so the rates belong to different intervals. Requests / slowest time is the work done divided
 * by the time it took to do all of it (the processes start within milliseconds of each other).
 *
 * <p><b>Latency</b>: p50, p95 and p99 are the worst (highest) of the processes' (percentiles of
 * different processes cannot be merged without their histograms), min and max the extremes, avg
 * the mean weighted by requests (exact).
 */
public final class Aggregate {
    private Aggregate() {}

    /**
     * @param shares what each process was asked to do, in the order of {@code results}
     * @throws IllegalArgumentException if the lists differ in length, are empty, or name different tests
     */
    public static Measurement of(List<Share> shares, List<Measurement> results) {
        if (shares.size() != results.size() || results.isEmpty()) {
            throw new IllegalArgumentException(shares.size() + " shares but " + results.size() + " results");
        }
        if (results.size() == 1) {
            return results.get(0);
        }
        String test = results.get(0).test();
        long requests = 0;
        double slowest = 0;
        double weightedAvg = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double p50 = Double.NEGATIVE_INFINITY;
        double p95 = Double.NEGATIVE_INFINITY;
        double p99 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < results.size(); i++) {
            Measurement m = results.get(i);
            if (!m.test().equals(test)) {
                throw new IllegalArgumentException("processes ran different tests: " + test + " and " + m.test());
            }
            int n = shares.get(i).requests();
            requests += n;
            slowest = Math.max(slowest, seconds(shares.get(i), m));
            weightedAvg += m.avgMs() * n;
            min = Math.min(min, m.minMs());
            max = Math.max(max, m.maxMs());
            p50 = Math.max(p50, m.p50Ms());
            p95 = Math.max(p95, m.p95Ms());
            p99 = Math.max(p99, m.p99Ms());
        }
        return new Measurement(test, requests / slowest, weightedAvg / requests, min, p50, p95, p99, max);
    }

    /** A process's elapsed seconds by redis-benchmark's clock: requests / ops/s ({@code NaN} if unknown). */
    public static double seconds(Share share, Measurement m) {
        return m.rps() > 0 ? share.requests() / m.rps() : Double.NaN;
    }
}
