package dev.lockstep.raft;

import dev.lockstep.base.CodecException;
import dev.lockstep.common.erasure.Shard;
import dev.lockstep.common.erasure.ValueShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CRaft's values (Wang et al., FAST 2020; specs/craft/CRaft.tla): each entry's value coded into
 * n Reed-Solomon shards, any {@code d} of which rebuild it; replica {@code pos} stores shard
 * {@code pos}, or a full copy in full-copy mode. A replica keeps the full values it knows (a
 * leader: every value of its log, CRaft.tla's "holds every value in memory"; a follower: values
 * rebuilt to execute them) in memory until they are executed or compacted. An entry is known by
 * index and term (Raft never changes an entry's term) and its shards by their digest.
 */
final class CRaftCoding {
    private final ValueShards code;
    private final int self;
    /** Full values (with their shards once coded) by index. */
    private final TreeMap<Long, Known> values = new TreeMap<>();

    private record Known(LogEntry full, long digest, Shard[] shards) {}

    CRaftCoding(int members, int dataShards, int selfPos) {
        this.code = new ValueShards(members, dataShards);
        this.self = selfPos;
    }

    int dataShards() {
        return code.dataShards();
    }

    /** What a leader writes to its own log for a new value: a full copy or its own shard. */
    LogEntry own(long index, LogEntry full, boolean fullCopies) {
        Known k = know(index, full);
        return fullCopies ? full : LogEntry.coded(full.term(), full.id(), k.shards()[self]);
    }

    /** The entries {@code first, first + 1, ...} as follower {@code pos} is to receive them. */
    List<LogEntry> forFollower(long first, List<LogEntry> held, int pos, boolean fullCopies) {
        List<LogEntry> out = new ArrayList<>(held.size());
        for (int k = 0; k < held.size(); k++) {
            LogEntry e = held.get(k);
            LogEntry full = fullValue(first + k, e);
            if (full == null) {
                throw new IllegalStateException("the leader lacks the value of entry " + (first + k) + ": " + e);
            }
            out.add(fullCopies ? full : LogEntry.coded(e.term(), e.id(), know(first + k, full).shards()[pos]));
        }
        return out;
    }

    /** The full value of entry {@code index} held as {@code held}, or null if it must be rebuilt. */
    LogEntry fullValue(long index, LogEntry held) {
        if (!held.isCoded()) {
            return held;
        }
        Known k = values.get(index);
        return k != null && k.full().term() == held.term() && k.digest() == held.shard().digest()
                && Objects.equals(k.full().id(), held.id()) ? k.full() : null;
    }

    /** The full value {@code shards} (all of {@code like}'s entry) rebuild, or null. */
    LogEntry rebuild(LogEntry like, List<Shard> shards) {
        Optional<byte[]> bytes = code.rebuild(like.shard().digest(), shards);
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            LogEntry full = RaftCodec.valueOf(bytes.get(), like.term());
            return Objects.equals(full.id(), like.id()) ? full : null;
        } catch (CodecException e) {
            return null;
        }
    }

    /**
     * The full value of entry {@code index}, whose shards have digest {@code digest}, is known;
     * its shards are coded only if this replica comes to send them.
     */
    void learned(long index, LogEntry full, long digest) {
        values.put(index, new Known(full, digest, null));
    }

    /** Entry {@code index} was executed; a follower no longer needs its value. */
    void executed(long index, boolean leader) {
        if (!leader) {
            values.remove(index);
        }
    }

    /** Entries from {@code index} on left the log. */
    void truncateFrom(long index) {
        values.tailMap(index, true).clear();
    }

    /** Entries up to {@code index} were compacted. */
    void dropThrough(long index) {
        values.headMap(index, true).clear();
    }

    void clear() {
        values.clear();
    }

    private Known know(long index, LogEntry full) {
        Known k = values.get(index);
        if (k != null && k.shards() != null && k.full().equals(full)) {
            return k;
        }
        Shard[] shards = code.encode(RaftCodec.valueBytes(full));
        k = new Known(full, shards[0].digest(), shards);
        values.put(index, k);
        return k;
    }
}
