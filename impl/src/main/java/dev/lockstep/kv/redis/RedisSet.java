package dev.lockstep.kv.redis;

import dev.lockstep.base.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A Redis set, kept in member order so every replica lists (and picks from) it alike. */
public final class RedisSet {
    private final TreeSet<Bytes> members = new TreeSet<>();

    /** Adds a member; true if it is new. */
    public boolean add(Bytes member) {
        return members.add(member);
    }

    public boolean remove(Bytes member) {
        return members.remove(member);
    }

    public boolean contains(Bytes member) {
        return members.contains(member);
    }

    public int size() {
        return members.size();
    }

    /** The members in order (read-only view). */
    public NavigableSet<Bytes> members() {
        return Collections.unmodifiableNavigableSet(members);
    }

    /** The member at {@code index} in member order (O(index)). */
    public Bytes at(int index) {
        int i = 0;
        for (Bytes m : members) {
            if (i++ == index) {
                return m;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** The members in order, as a list. */
    public List<Bytes> toList() {
        return new ArrayList<>(members);
    }
}
