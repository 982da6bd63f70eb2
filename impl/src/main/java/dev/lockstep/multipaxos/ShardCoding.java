package dev.lockstep.multipaxos;

import dev.lockstep.base.CodecException;
import dev.lockstep.common.erasure.Shard;
import dev.lockstep.common.erasure.ValueShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RSPaxos's values (Mu et al., HPDC 2014; specs/rspaxos/RSPaxos.tla): each value is coded into
 * n Reed-Solomon shards, any {@code d} of which rebuild it, and acceptor number {@code pos}
 * stores shard {@code pos} only. A proposer keeps, for the slots it proposed or rebuilt, the
 * full value and its shards in memory (volatile: a restarted replica rebuilds from its peers),
 * until the slot is compacted into a snapshot.
 *
 * <p>The recovery rule (RSPaxos.tla {@code Proposable}): a new leader re-proposes the value of
 * the highest ballot its promises report only if they hold {@code d} distinct shards of that
 * value, counted over every ballot (a chosen value re-proposed by an earlier recovery is coded
 * into the same shards); otherwise nothing can have been chosen there and the slot is free.
 * Shards of one value are recognised by request id and digest ({@link Shard}).
 */
class ShardCoding extends Coding {
    private final ValueShards code;
    /** Full values and their shards by slot. */
    private final TreeMap<Long, Coded> values = new TreeMap<>();

    /** A full value and its n shards (null until a proposer needs them). */
    private record Coded(PaxosEntry full, long digest, Shard[] shards) {}

    ShardCoding(int members, int dataShards, int selfPos) {
        this.code = new ValueShards(members, dataShards);
        this.self = selfPos;
    }

    @Override
    boolean coded() {
        return true;
    }

    @Override
    int dataShards() {
        return code.dataShards();
    }

    @Override
    PaxosEntry store(long slot, PaxosEntry full) {
        Shard[] shards = code.encode(PaxosCodec.valueBytes(full));
        values.put(slot, new Coded(full, shards[0].digest(), shards));
        return PaxosEntry.coded(full.bal(), full.id(), shards[selfShard()]);
    }

    /** This replica's own shard number (its member position). */
    private final int self;

    private int selfShard() {
        return self;
    }

    @Override
    List<PaxosEntry> forPeer(long slot, List<PaxosEntry> held, int pos) {
        List<PaxosEntry> out = new ArrayList<>(held.size());
        for (int k = 0; k < held.size(); k++) {
            PaxosEntry e = held.get(k);
            Coded c = values.get(slot + k);
            if (c == null || c.shards() == null || !sameValue(c, e)) {
                throw new IllegalStateException("slot " + (slot + k) + " holds " + e + " but no proposal of it is kept");
            }
            out.add(PaxosEntry.coded(e.bal(), e.id(), c.shards()[pos]));
        }
        return out;
    }

    /**
     * A chosen slot's entries for a lagging replica: its own shard where this replica knows the
     * full value (re-coded: the code is deterministic), else the shard held here.
     */
    @Override
    List<PaxosEntry> forCatchUp(long slot, List<PaxosEntry> held, int pos) {
        List<PaxosEntry> out = new ArrayList<>(held.size());
        for (int k = 0; k < held.size(); k++) {
            PaxosEntry e = held.get(k);
            PaxosEntry full = fullValue(slot + k, e);
            if (full == null || !e.isCoded()) {
                out.add(e);
                continue;
            }
            out.add(PaxosEntry.coded(e.bal(), e.id(), code.encode(PaxosCodec.valueBytes(full))[pos]));
        }
        return out;
    }

    @Override
    PaxosEntry caughtUp(PaxosEntry mine, PaxosEntry received) {
        return mine.isCoded() && mine.sameValue(received) ? mine : received;
    }

    @Override
    PaxosEntry fullValue(long slot, PaxosEntry held) {
        if (!held.isCoded()) {
            return held;
        }
        Coded c = values.get(slot);
        return c != null && sameValue(c, held) ? c.full().withBal(held.bal()) : null;
    }

    @Override
    PaxosEntry recover(long slot, PaxosEntry highest, List<PaxosEntry> reports) {
        if (!highest.isCoded()) {
            return highest;
        }
        PaxosEntry known = fullValue(slot, highest);
        if (known != null) {
            return known;
        }
        List<PaxosEntry> same = new ArrayList<>();
        for (PaxosEntry r : reports) {
            if (counts(r, highest)) {
                same.add(r);
            }
        }
        PaxosEntry full = rebuild(highest, same);
        if (full != null) {
            learned(slot, full, highest.shard().digest());
        }
        return full;
    }

    /**
     * Whether a reported entry counts towards rebuilding the highest one: any shard of the same
     * value, whatever its ballot (RSPaxos.tla {@code ShardsOf}). Overridden only by a broken test
     * variant.
     */
    protected boolean counts(PaxosEntry reported, PaxosEntry highest) {
        return reported.isCoded() && reported.sameValue(highest);
    }

    /**
     * The full value of which {@code shards} (all of the value of {@code like}) are shards, if
     * they hold {@code d} distinct ones that decode to bytes with the value's digest; else null.
     */
    PaxosEntry rebuild(PaxosEntry like, List<PaxosEntry> shards) {
        List<Shard> pieces = new ArrayList<>(shards.size());
        shards.forEach(e -> pieces.add(e.shard()));
        Optional<byte[]> bytes = code.rebuild(like.shard().digest(), pieces);
        if (bytes.isEmpty()) {
            return null;
        }
        try {
            PaxosEntry full = PaxosCodec.valueOf(bytes.get(), like.bal());
            return Objects.equals(full.id(), like.id()) ? full : null;
        } catch (CodecException e) {
            return null;
        }
    }

    @Override
    void learned(long slot, PaxosEntry full, long digest) {
        values.put(slot, new Coded(full, digest, null));
    }

    /**
     * A value rebuilt only to be executed is dropped once it is; a proposer's values (with their
     * shards, which it may have to send again) stay until the slot is compacted.
     */
    @Override
    void executed(long slot) {
        Coded c = values.get(slot);
        if (c != null && c.shards() == null) {
            values.remove(slot);
        }
    }

    @Override
    void dropThrough(long slot) {
        values.headMap(slot, true).clear();
    }

    @Override
    void clear() {
        values.clear();
    }

    private static boolean sameValue(Coded c, PaxosEntry held) {
        return held.isCoded() && c.digest() == held.shard().digest() && Objects.equals(c.full().id(), held.id());
    }
}
