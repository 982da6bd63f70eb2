package dev.lockstep.kv;

/**
 * Identifies one client request for exactly-once execution (Raft thesis §6.3, client sessions):
 * {@code client} names the session, {@code seq} increases per request of that session, and a
 * retry reuses the same id. Text form (traces, specs): {@code "<client>:<seq>"}.
 */
public record RequestId(long client, long seq) implements Comparable<RequestId> {

    /** Mixes both halves (the record default collides for patterns such as client = seq mod 64). */
    @Override
    public int hashCode() {
        long h = client * 0x9E3779B97F4A7C15L + seq;
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public int compareTo(RequestId o) {
        int c = Long.compare(client, o.client);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return client + ":" + seq;
    }
}
