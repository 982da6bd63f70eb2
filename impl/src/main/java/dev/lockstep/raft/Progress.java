package dev.lockstep.raft;

/**
 * A leader's flow control towards one follower, after etcd-io/raft's progress tracker. The spec
 * does not constrain it ("the leader may send any range"): it decides what to send next.
 *
 * <ul>
 *   <li>{@link Mode#PROBE}: the follower's log position is unknown; send one AppendEntries and
 *       wait for its answer (or for the next heartbeat round) before sending another.
 *   <li>{@link Mode#REPLICATE}: the follower accepted our last probe; send optimistically from
 *       {@code next}, up to {@code maxInflight} requests in flight (pipelining).
 *   <li>{@link Mode#SNAPSHOT}: the entries the follower needs were compacted; an
 *       InstallSnapshot is in flight and nothing else is sent until it is answered.
 * </ul>
 */
final class Progress {

    enum Mode { PROBE, REPLICATE, SNAPSHOT }

    private Mode mode = Mode.PROBE;
    /** The index of the next entry to send. */
    private long next;
    /** PROBE: a probe is outstanding. */
    private boolean probeSent;
    /** SNAPSHOT: the snapshot index being installed. */
    private long pendingSnapshot;
    /** The follower answered an append since the leader's last heartbeat round. */
    private boolean answeredSinceHeartbeat;
    /** REPLICATE: last index of each request in flight, oldest first (a ring). */
    private final long[] inflight;
    private int head;
    private int count;

    Progress(int maxInflight, long next) {
        this.inflight = new long[maxInflight];
        becomeProbe(next);
    }

    Mode mode() {
        return mode;
    }

    long next() {
        return next;
    }

    boolean canSend() {
        return switch (mode) {
            case PROBE -> !probeSent;
            case REPLICATE -> count < inflight.length;
            case SNAPSHOT -> false;
        };
    }

    void becomeProbe(long nextIndex) {
        mode = Mode.PROBE;
        next = nextIndex;
        probeSent = false;
        count = 0;
    }

    void becomeSnapshot(long snapshotIndex) {
        mode = Mode.SNAPSHOT;
        pendingSnapshot = snapshotIndex;
        count = 0;
    }

    /** An AppendEntries covering entries up to {@code lastIndex} was sent from {@code next}. */
    void onAppendSent(long lastIndex) {
        if (mode == Mode.PROBE) {
            probeSent = true;
            return;
        }
        next = lastIndex + 1;
        inflight[(head + count) % inflight.length] = lastIndex;
        count++;
    }

    /** The follower accepted entries up to {@code acked}; its match index is now {@code match}. */
    void onSuccess(long acked, long match) {
        answeredSinceHeartbeat = true;
        switch (mode) {
            case PROBE -> becomeReplicate(match + 1);
            case REPLICATE -> {
                while (count > 0 && inflight[head] <= acked) {
                    head = (head + 1) % inflight.length;
                    count--;
                }
                if (next <= match) {
                    next = match + 1;
                }
            }
            case SNAPSHOT -> {
                if (match >= pendingSnapshot) {
                    becomeReplicate(match + 1);
                }
            }
        }
    }

    /** The follower rejected an append; probe again from {@code nextIndex}. */
    void onRejected(long nextIndex) {
        answeredSinceHeartbeat = true;
        becomeProbe(nextIndex);
    }

    /** A heartbeat round starts: from now on, watch whether appends are answered. */
    void onHeartbeatSent() {
        answeredSinceHeartbeat = false;
    }

    /**
     * The follower answered a heartbeat but no append since the round began although it lags:
     * its appends (or our snapshot) were lost, so probe again from its match index.
     */
    boolean stalled() {
        return !answeredSinceHeartbeat;
    }

    private void becomeReplicate(long nextIndex) {
        mode = Mode.REPLICATE;
        next = nextIndex;
        head = 0;
        count = 0;
    }
}
