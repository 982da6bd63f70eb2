package dev.lockstep.sim;

import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.base.Prng;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One node's simulated stable storage. Writes ({@link Effect.Persist}) queue up; one fsync at a
 * time makes every write issued before it started durable after a random latency (group commit).
 * A crash keeps the durable records plus a seed-chosen prefix of the unsynced writes (a write is
 * atomic; later writes never survive without earlier ones). Records before the latest durable
 * checkpoint are discarded, as {@link DurableRecord#isCheckpoint()} allows. Every record that
 * becomes durable is also shown to an observer (the durability checker), in order.
 */
final class SimDisk {
    private final int node;
    private final Profiles.Disk profile;
    private final Prng rng;
    private final SimTime time;
    private final List<DurableRecord> durable = new ArrayList<>();
    private final ArrayDeque<Effect.Persist> unsynced = new ArrayDeque<>();
    private long durableSeq;
    private long syncingUpTo = -1;
    private int incarnation;
    private final Consumer<DurableRecord> onDurable;

    SimDisk(int node, Profiles.Disk profile, Prng rng, SimTime time, Consumer<DurableRecord> onDurable) {
        this.node = node;
        this.onDurable = onDurable;
        this.profile = profile;
        this.rng = rng;
        this.time = time;
    }

    void write(Effect.Persist p) {
        unsynced.add(p);
        if (syncingUpTo < 0) {
            startSync();
        }
    }

    private void startSync() {
        syncingUpTo = unsynced.peekLast().seq();
        time.after(rng.nextIntInclusive(profile.minLatency(), profile.maxLatency()),
                new SimEvent.DiskSynced(node, incarnation, syncingUpTo));
    }

    /** The fsync covering writes up to {@code upTo} finished. */
    void synced(long upTo) {
        while (!unsynced.isEmpty() && unsynced.peekFirst().seq() <= upTo) {
            keep(unsynced.pollFirst());
        }
        durableSeq = Math.max(durableSeq, upTo);
        syncingUpTo = -1;
        if (!unsynced.isEmpty()) {
            startSync();
        }
    }

    private void keep(Effect.Persist p) {
        for (DurableRecord r : p.records()) {
            if (r.isCheckpoint()) {
                durable.clear();
            }
            durable.add(r);
            onDurable.accept(r);
        }
    }

    /**
     * Power loss: a random prefix of the unsynced writes survives. Returns the seq of the last
     * surviving write (the durable seq if none survives) in the crashed incarnation's numbering.
     */
    long crash() {
        int survivors = unsynced.isEmpty() ? 0 : rng.nextInt(unsynced.size() + 1);
        long last = durableSeq;
        for (int i = 0; i < survivors; i++) {
            Effect.Persist p = unsynced.pollFirst();
            keep(p);
            last = p.seq();
        }
        unsynced.clear();
        syncingUpTo = -1;
        incarnation++;
        durableSeq = 0;
        return last;
    }

    boolean hasUnsynced() {
        return !unsynced.isEmpty();
    }

    /** The seq up to which writes of the current incarnation are durable. */
    long durableSeq() {
        return durableSeq;
    }

    int incarnation() {
        return incarnation;
    }

    List<DurableRecord> records() {
        return List.copyOf(durable);
    }
}
