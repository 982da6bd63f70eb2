package dev.lockstep.server.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One redis-benchmark process's part of a run: its connections ({@code -c}) and requests
 * ({@code -n}). A run aimed at one server is one share of everything; a run spread over the
 * replicas is one share per replica (see {@link #split}).
 */
public record Share(int clients, int requests) {
    public Share {
        if (clients < 1 || requests < 1) {
            throw new IllegalArgumentException("a share needs at least one client and one request, got -c "
                    + clients + " -n " + requests);
        }
    }

    /**
     * Splits {@code clients} and {@code requests} evenly into {@code parts} shares, the
     * remainders going one each to the first shares: 12 clients and 20000 requests in 3 parts
     * are -c 4 -n 6667, -c 4 -n 6667, -c 4 -n 6666.
     *
     * @throws IllegalArgumentException if some part would get no client or no request
     */
    public static List<Share> split(int clients, int requests, int parts) {
        if (parts < 1 || clients < parts || requests < parts) {
            throw new IllegalArgumentException("cannot split -c " + clients + " -n " + requests + " over " + parts
                    + " processes: each needs at least one client and one request");
        }
        List<Share> shares = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            shares.add(new Share(evenPart(clients, parts, i), evenPart(requests, parts, i)));
        }
        return List.copyOf(shares);
    }

    /** Part {@code i} of {@code total} split into {@code parts}: the first {@code total % parts} get one more. */
    static int evenPart(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }
}
