package dev.lockstep.common;

import java.util.ArrayDeque;

/**
 * Which prefix of a replica's log is durable, from the {@link Effect.Persist} sequence numbers it
 * issued and the {@link Event.Persisted} reports it received. A leader counts its own copy of an
 * entry towards a quorum only within this prefix (etcd's and the Raft thesis's rule that a
 * leader may acknowledge only what it has written to stable storage).
 */
public final class DurablePrefix {
    /** Sequence number of the last Persist issued by this replica instance. */
    private long lastSeq;
    /** Persists issued but not yet reported durable, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private long durable;

    /** A Persist in flight and the log length it makes durable. */
    private static final class InFlight {
        final long seq;
        long length;

        InFlight(long seq, long length) {
            this.seq = seq;
            this.length = length;
        }
    }

    /** The log is durable up to and including this index (as far as this instance was told). */
    public long durable() {
        return durable;
    }

    /** A Persist is being emitted while the log has {@code logLength} entries: its sequence number. */
    public long issue(long logLength) {
        lastSeq++;
        inFlight.addLast(new InFlight(lastSeq, logLength));
        return lastSeq;
    }

    /** The runtime made every Persist with {@code seq <= upTo} durable; true if the prefix grew. */
    public boolean persisted(long upTo) {
        boolean advanced = false;
        while (!inFlight.isEmpty() && inFlight.peekFirst().seq <= upTo) {
            durable = Math.max(durable, inFlight.pollFirst().length);
            advanced = true;
        }
        return advanced;
    }

    /** The log was rewritten from {@code index} on: nothing there is durable until persisted again. */
    public void forgetFrom(long index) {
        durable = Math.min(durable, index - 1);
        for (InFlight f : inFlight) {
            f.length = Math.min(f.length, index - 1);
        }
    }

    /** A new replica instance recovered a log of {@code logLength} entries from storage. */
    public void recovered(long logLength) {
        lastSeq = 0;
        inFlight.clear();
        durable = logLength;
    }
}
