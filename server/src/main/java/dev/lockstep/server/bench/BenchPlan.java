package dev.lockstep.server.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link BenchRun} runs: the redis-benchmark tests, pipeline depths, load and key
 * distribution, how often, and where the Lockstep load goes.
 *
 * @param tests redis-benchmark test names ({@code set}, {@code get}, ...)
 * @param keys how many keys the requests pick from at random (redis-benchmark's {@code -r});
 *     0 for none: then every request uses the one key {@code key:__rand_int__}
 * @param spread run one redis-benchmark per replica at the same time, {@code clients} and
 *     {@code requests} split between them ({@link Share#split}), instead of all against the
 *     leader; Redis still gets one process with all of them
 * @param warmupRequests requests per test sent to Lockstep at the deepest pipeline before
 *     measuring (JIT warm-up; not reported); 0 for none
 */
public record BenchPlan(List<String> tests, List<Integer> pipelines, int requests, int clients, int dataSize,
        int keys, int repeats, boolean viaFollower, boolean spread, int warmupRequests, Duration runTimeout) {
    public BenchPlan {
        tests = List.copyOf(tests);
        pipelines = List.copyOf(pipelines);
        if (keys < 0) {
            throw new IllegalArgumentException("keys must be >= 0, got " + keys);
        }
    }

    /** The redis-benchmark arguments of one process (after the program and the port). */
    List<String> arguments(String test, int pipeline, Share share) {
        List<String> args = new ArrayList<>(List.of("-t", test, "-n", Integer.toString(share.requests()), "-c",
                Integer.toString(share.clients()), "-d", Integer.toString(dataSize), "-P",
                Integer.toString(pipeline)));
        if (keys > 0) {
            args.addAll(List.of("-r", Integer.toString(keys)));
        }
        args.add("--csv");
        return List.copyOf(args);
    }

    /** All clients and requests in one process. */
    Share whole() {
        return new Share(clients, requests);
    }

    /** The key distribution in words, as the report prints it. */
    public String keyDistribution() {
        if (keys == 0) {
            return "one key, key:__rand_int__ (no -r: every request uses that name literally; highest conflict)";
        }
        return "uniform over " + keys + (keys == 1 ? " key" : " keys") + " (-r " + keys + ": key:000000000000 .. key:"
                + String.format(Locale.ROOT, "%012d", keys - 1L) + ", drawn anew for every request)";
    }
}
