package dev.lockstep.multipaxos;

/**
 * A leader's view of one follower within its ballot: what to send next, flow control, and what
 * the follower is missing. The spec does not constrain any of it ("Accept" may send any range of
 * the leader's ballot): it decides what is sent when.
 *
 * <ul>
 *   <li>{@code next}: the next slot to propose to it; accepts are pipelined, at most
 *       {@code maxInflight} requests unanswered.
 *   <li>{@code ackedThrough}: every slot up to here it accepted in our ballot, or knows chosen
 *       and needs no accept for (below the ballot's first slot, or within our commit index).
 *   <li>{@code reportedCommit}: the commit index it last reported (-1 while unknown).
 * </ul>
 *
 * A follower that lacks a slot below the ballot's first slot (chosen before this leader) gets it
 * by catch-up, or by snapshot when the leader compacted it; a lost accept is detected when the
 * answer to a later heartbeat (which carries the follower's {@code next} as its slot) shows an
 * earlier slot still unacknowledged, and proposing rewinds to the first unacknowledged slot.
 */
final class FollowerProgress {
    private final long[] inflight;
    private int head;
    private int count;
    long next;
    long ackedThrough;
    long reportedCommit;
    /** Slots below this were sent in catch-ups (since the last retry). */
    long catchUpNext;
    /** Leader tick of the last catch-up or snapshot sent; -1 if none. */
    long lastCatchUpTick = -1;
    long lastSnapshotTick = -1;

    FollowerProgress(int maxInflight, long firstSlot, long reportedCommit) {
        this.inflight = new long[maxInflight];
        this.next = firstSlot;
        this.ackedThrough = firstSlot - 1;
        this.reportedCommit = reportedCommit;
    }

    boolean canSend() {
        return count < inflight.length;
    }

    /** An accept request covering slots up to {@code lastSlot} was sent. */
    void onSent(long lastSlot) {
        inflight[(head + count) % inflight.length] = lastSlot;
        count++;
        next = lastSlot + 1;
    }

    /** Requests ending at or below {@code lastSlot} are answered. */
    void onAnswered(long lastSlot) {
        while (count > 0 && inflight[head] <= lastSlot) {
            head = (head + 1) % inflight.length;
            count--;
        }
    }

    /** Something sent was lost: propose again from the first slot not acknowledged. */
    void rewind() {
        count = 0;
        next = ackedThrough + 1;
    }

    /**
     * The first slot the follower lacks: below {@code firstSlot} it learns slots only as chosen
     * (catch-up, snapshot); from {@code firstSlot} on by accepting them.
     */
    long firstMissing(long firstSlot) {
        return reportedCommit + 1 < firstSlot ? reportedCommit + 1 : ackedThrough + 1;
    }
}
