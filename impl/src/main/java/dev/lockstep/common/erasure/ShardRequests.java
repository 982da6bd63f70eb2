package dev.lockstep.common.erasure;

/**
 * When and whom an erasure-coded replica asks for the shards of committed entries it must rebuild
 * to execute them (RSPaxos's Reconstruct, CRaft's shard fetching): one window of at most
 * {@code window} positions from the one execution waits at; positions a recent request already
 * covers are not asked again; a request goes to d - 1 peers (with the replica's own shard, exactly
 * d), chosen by position so the load spreads, and after {@code retryTicks} ticks without progress
 * the next one goes to every peer. Pure bookkeeping: the caller sends the messages.
 */
public final class ShardRequests {
    private final int window;
    private final int retryTicks;
    private long wantFrom;
    private long wantTo;
    private long ticks;
    private long sentTick = -1;
    private boolean retrying;

    /** The positions {@code from..to} to ask {@code peers} (member positions) for. */
    public record Request(long from, long to, int[] peers) {
        public int count() {
            return (int) (to - from + 1);
        }
    }

    public ShardRequests(int window, int retryTicks) {
        if (window < 1 || retryTicks < 1) {
            throw new IllegalArgumentException("window and retry ticks must be positive");
        }
        this.window = window;
        this.retryTicks = retryTicks;
    }

    /**
     * Execution waits at {@code first}, and {@code first..upTo} are committed: the request to send
     * now, or null when a recent one covers everything in the window. {@code others} are the
     * other members' positions; {@code dataShards} is d.
     */
    public Request next(long first, long upTo, int[] others, int dataShards) {
        boolean recent = sentTick >= 0 && ticks - sentTick < retryTicks;
        long to = Math.min(upTo, first + window - 1);
        boolean covered = recent && first >= wantFrom && first <= wantTo;
        long from = covered ? wantTo + 1 : first;
        if (from > to) {
            return null;
        }
        boolean everyone = !recent && retrying;
        if (!covered) {
            wantFrom = first;
        }
        if (!recent) {
            sentTick = ticks;
        }
        wantTo = to;
        int asked = everyone ? others.length : Math.min(others.length, dataShards - 1);
        int[] peers = new int[asked];
        for (int k = 0; k < asked; k++) {
            peers[k] = others[(int) ((from + k) % others.length)];
        }
        return new Request(from, to, peers);
    }

    /** A tick; true when the last request went unanswered for the retry time (ask again now). */
    public boolean tick() {
        ticks++;
        if (sentTick >= 0 && ticks - sentTick >= retryTicks) {
            sentTick = -1;
            retrying = true;
            return true;
        }
        return false;
    }

    /** An answer rebuilt something: the retry time starts again, and asking goes back to d - 1 peers. */
    public void progress() {
        retrying = false;
        if (sentTick >= 0) {
            sentTick = ticks;
        }
    }

    /** A restart forgets every request. */
    public void clear() {
        wantFrom = 0;
        wantTo = 0;
        sentTick = -1;
        retrying = false;
    }
}
