package dev.lockstep.lin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wing and Gong's linearizability search with Lowe's just-in-time refinement ("Testing for
 * linearizability", 2017) and memoisation of (linearized set, model state), the algorithm
 * Porcupine uses. Call and return events sit in one time-ordered doubly linked list; the search
 * repeatedly tries to linearize a pending call, lifting it (and its return) out of the list, and
 * backtracks when it meets the return of an operation it has not linearized.
 *
 * <p>An operation of unknown outcome gets its return at the end of time and any result: it may be
 * linearized anywhere after its call. Reaching such a return means every completed operation is
 * linearized, and the remaining unknown ones can be left out ("never took effect"), so the
 * search succeeds there.
 *
 * <p>The memo has two modes. {@code exact} stores each (linearized set, state) pair. The fast mode
 * stores a 64-bit fingerprint (a Zobrist hash of the linearized set mixed with the state's hash):
 * a collision can only wrongly prune a branch, so it may report a violation that is not one, but
 * never hide one; {@link LinearizabilityChecker} therefore confirms every fast-mode violation
 * with an exact search.
 */
final class LinearizabilitySearch {

    enum Outcome { LINEARIZABLE, VIOLATION, BUDGET_EXHAUSTED }

    /** A call or return event in the list. */
    private static final class Node {
        final int op;
        final boolean call;
        final long time;
        Node match;
        Node prev;
        Node next;

        Node(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    private record Frame(Node call, ModelState before) {}

    private record MemoKey(long[] linearized, ModelState state) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoKey k && state.equals(k.state) && Arrays.equals(linearized, k.linearized);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(linearized) + state.hashCode();
        }
    }

    private final List<Operation> ops;
    private final KeySlots slots;
    private final long budget;
    private final boolean exact;
    private long steps;

    LinearizabilitySearch(List<Operation> ops, KeySlots slots, long budget) {
        this(ops, slots, budget, true);
    }

    LinearizabilitySearch(List<Operation> ops, KeySlots slots, long budget, boolean exact) {
        this.ops = ops;
        this.slots = slots;
        this.budget = budget;
        this.exact = exact;
    }

    long steps() {
        return steps;
    }

    Outcome run() {
        Node head = buildList();
        long[] linearized = new long[(ops.size() + 63) / 64];
        Set<MemoKey> memo = exact ? new HashSet<>() : null;
        FingerprintSet seen = exact ? null : new FingerprintSet();
        long[] zobrist = exact ? null : zobristKeys(ops.size());
        long setHash = 0;
        Deque<Frame> stack = new ArrayDeque<>();
        ModelState state = ModelState.empty(slots.size());
        Node entry = head.next;
        while (entry != null) {
            if (++steps > budget) {
                return Outcome.BUDGET_EXHAUSTED;
            }
            Operation op = ops.get(entry.op);
            if (entry.call) {
                KvModel.Outcome next = KvModel.apply(state, slots, op.command());
                if (op.isUnknown() || KvModel.matches(next.result(), op.result())) {
                    setBit(linearized, entry.op, true);
                    boolean fresh = exact
                            ? memo.add(new MemoKey(linearized.clone(), next.state()))
                            : seen.add(mix(setHash ^ zobrist[entry.op], next.state().hashCode()));
                    if (fresh) {
                        stack.push(new Frame(entry, state));
                        state = next.state();
                        setHash = exact ? 0 : setHash ^ zobrist[entry.op];
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                    setBit(linearized, entry.op, false);
                }
                entry = entry.next;
            } else {
                if (op.isUnknown()) {
                    return Outcome.LINEARIZABLE;
                }
                if (stack.isEmpty()) {
                    return Outcome.VIOLATION;
                }
                Frame top = stack.pop();
                setBit(linearized, top.call().op, false);
                setHash = exact ? 0 : setHash ^ zobrist[top.call().op];
                state = top.before();
                unlift(top.call());
                entry = top.call().next;
            }
        }
        return Outcome.LINEARIZABLE;
    }

    /** Fixed pseudo-random keys, one per operation (deterministic: SplitMix64 of the index). */
    private static long[] zobristKeys(int n) {
        long[] keys = new long[n];
        dev.lockstep.base.Prng prng = new dev.lockstep.base.Prng(0x2545F4914F6CDD1DL);
        for (int i = 0; i < n; i++) {
            keys[i] = prng.nextLong();
        }
        return keys;
    }

    private static long mix(long setHash, int stateHash) {
        long z = setHash + 0x9E3779B97F4A7C15L * (stateHash + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    /** Sentinel head followed by every call and return, by time; calls first on equal times. */
    private Node buildList() {
        List<Node> nodes = new ArrayList<>(2 * ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            Node call = new Node(i, true, op.invoke());
            Node ret = new Node(i, false, op.response());
            call.match = ret;
            nodes.add(call);
            nodes.add(ret);
        }
        nodes.sort(Comparator.<Node>comparingLong(n -> n.time)
                .thenComparing(n -> !n.call)
                .thenComparingInt(n -> n.op));
        Node head = new Node(-1, false, Long.MIN_VALUE);
        Node prev = head;
        for (Node n : nodes) {
            prev.next = n;
            n.prev = prev;
            prev = n;
        }
        return head;
    }

    private static void lift(Node call) {
        unlink(call);
        unlink(call.match);
    }

    private static void unlift(Node call) {
        relink(call.match);
        relink(call);
    }

    private static void unlink(Node n) {
        n.prev.next = n.next;
        if (n.next != null) {
            n.next.prev = n.prev;
        }
    }

    private static void relink(Node n) {
        n.prev.next = n;
        if (n.next != null) {
            n.next.prev = n;
        }
    }

    private static void setBit(long[] bits, int i, boolean on) {
        if (on) {
            bits[i >>> 6] |= 1L << i;
        } else {
            bits[i >>> 6] &= ~(1L << i);
        }
    }
}
