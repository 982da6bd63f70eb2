package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * P-compositionality (Horn and Kroening, "Faster linearizability checking via
 * P-compositionality", 2015): a history of a map is linearizable iff each sub-history over an
 * independent set of keys is. Single-key operations partition by key; a transaction joins the
 * keys it touches, so partitions are the connected components of keys (union-find).
 */
final class Partitioner {
    private Partitioner() {}

    /** One independent sub-history: its keys (sorted) and its operations (history order). */
    record Partition(List<Bytes> keys, List<Operation> operations) {}

    static List<Partition> split(History history) {
        UnionFind<Bytes> components = new UnionFind<>();
        List<Operation> keyless = new ArrayList<>();
        List<Operation> relevant = history.operations().stream()
                .filter(op -> !(op.isUnknown() && op.command().isReadOnly())).toList();
        for (Operation op : relevant) {
            List<Bytes> keys = new ArrayList<>(keysOf(op.command()));
            if (keys.isEmpty()) {
                keyless.add(op);
                continue;
            }
            for (Bytes key : keys) {
                components.union(keys.get(0), key);
            }
        }
        Map<Bytes, List<Operation>> opsByRoot = new TreeMap<>();
        Map<Bytes, Set<Bytes>> keysByRoot = new HashMap<>();
        for (Operation op : relevant) {
            Set<Bytes> keys = keysOf(op.command());
            if (keys.isEmpty()) {
                continue;
            }
            Bytes root = components.find(keys.iterator().next());
            opsByRoot.computeIfAbsent(root, r -> new ArrayList<>()).add(op);
            keysByRoot.computeIfAbsent(root, r -> new java.util.TreeSet<>()).addAll(keys);
        }
        List<Partition> partitions = new ArrayList<>();
        for (Map.Entry<Bytes, List<Operation>> e : opsByRoot.entrySet()) {
            partitions.add(new Partition(List.copyOf(keysByRoot.get(e.getKey())), e.getValue()));
        }
        if (!keyless.isEmpty()) {
            partitions.add(new Partition(List.of(), keyless));
        }
        return partitions;
    }

    /**
     * Every key a command reads or writes, in first-mention order. The keys of a Redis command
     * the model specifies are the model's own (each names one key, its first argument); any
     * other command's come from {@link Command#keys()} (the command table's key positions). A time
     * stamp ({@link Command.Timed}) or an acknowledgement ({@link Command.Acked}) is looked through.
     */
    static Set<Bytes> keysOf(Command c) {
        Set<Bytes> keys = new LinkedHashSet<>();
        collect(c, keys);
        return keys;
    }

    private static void collect(Command c, Set<Bytes> keys) {
        if (c.touchesEveryKey()) {
            throw new IllegalArgumentException("a command on every key cannot be checked per partition: " + c);
        }
        if (c instanceof Command.Acked a) {
            collect(a.command(), keys);
        } else if (c instanceof Command.Timed t) {
            collect(t.command(), keys);
        } else if (c instanceof Command.Txn t) {
            t.compares().forEach(cmp -> keys.add(cmp.key()));
            t.watches().forEach(w -> keys.add(w.key()));
            t.ops().forEach(op -> collect(op, keys));
        } else if (c instanceof Command.Redis r && KvModel.specifies(r)) {
            keys.add(r.argv().get(1));
        } else {
            keys.addAll(c.keys());
        }
    }

    /** Disjoint sets with path halving and union by size. */
    static final class UnionFind<T> {
        private final Map<T, T> parent = new HashMap<>();
        private final Map<T, Integer> size = new HashMap<>();

        T find(T x) {
            parent.putIfAbsent(x, x);
            size.putIfAbsent(x, 1);
            T p = x;
            while (!parent.get(p).equals(p)) {
                T grand = parent.get(parent.get(p));
                parent.put(p, grand);
                p = grand;
            }
            return p;
        }

        void union(T a, T b) {
            T ra = find(a);
            T rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            if (size.get(ra) < size.get(rb)) {
                T t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, size.get(ra) + size.get(rb));
        }
    }
}
