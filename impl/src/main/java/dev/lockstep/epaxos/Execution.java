package dev.lockstep.epaxos;

import dev.lockstep.common.ClientEntry;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Execution of committed instances (EPaxos §4.3.2; contract action {@code Execute}): from a
 * committed instance, the graph of its dependencies ({@code DepSet}, transitively) must be
 * committed here; its strongly connected components are executed in reverse topological order
 * (Tarjan's algorithm emits them so), and the instances of one component by {@code (seq, owner,
 * num)}. An instance that waits on one not committed here is retried when that one commits; the
 * missing one is watched by recovery. A component is executed whole within one step, so a
 * checkpoint never splits one.
 */
class Execution {
    /** The tie-break inside a component: seq, then owner id, then number (contract, "Execute"). */
    static final Comparator<Instance> ORDER = Comparator.<Instance>comparingLong(x -> x.seq)
            .thenComparing(x -> x.id.owner()).thenComparingLong(x -> x.id.num());

    protected final EPaxosContext ctx;
    protected final EPaxosState st;
    private final TreeSet<InstanceId> ready = new TreeSet<>();
    /** Per missing instance, the instances whose execution waits for it. */
    private final Map<InstanceId, List<InstanceId>> blockedOn = new HashMap<>();
    /** Per waiting instance, how many of the missing ones it waits for are still not committed. */
    private final Map<InstanceId, Integer> waitsFor = new HashMap<>();
    /**
     * Per owner row, the runs of executed instances above the executed floor (first -> last):
     * finding the instances of a dependency range that are not executed skips every executed
     * stretch at once. (Scanning the range one number at a time made each step cost the number
     * of instances executed above a floor held back by one missing commit: under load a replica
     * fell behind faster the further behind it was.)
     */
    private final List<TreeMap<Long, Long>> executedRuns = new ArrayList<>();
    /**
     * Per instance that waits for missing commits, the roots whose search reached it and stopped
     * there: they are tried again once it is executed (a search does not walk the same blocked
     * graph again for every instance committed behind one missing commit).
     */
    private final Map<InstanceId, List<InstanceId>> behind = new HashMap<>();

    Execution(EPaxosContext ctx) {
        this.ctx = ctx;
        this.st = ctx.state;
        for (int p = 0; p < ctx.members.size(); p++) {
            executedRuns.add(new TreeMap<>());
        }
    }

    /** {@code x} committed here: it, and whatever waited only on it, may now execute. */
    void committed(Instance x) {
        ready.add(x.id);
        List<InstanceId> waiting = blockedOn.remove(x.id);
        if (waiting == null) {
            return;
        }
        for (InstanceId root : waiting) {
            Integer left = waitsFor.merge(root, -1, Integer::sum);
            if (left != null && left <= 0) {
                waitsFor.remove(root);
                ready.add(root);
            }
        }
    }

    /** Executes everything that became executable. */
    void run() {
        while (!ready.isEmpty()) {
            Instance x = st.space.find(ready.pollFirst());
            if (x != null && x.isCommitted() && !x.executed) {
                executeFrom(x);
            }
        }
    }

    /** Forgets what waited (restart: {@link Durability} queues every committed instance again). */
    void reset() {
        ready.clear();
        blockedOn.clear();
        waitsFor.clear();
        behind.clear();
        executedRuns.forEach(TreeMap::clear);
    }

    /** A Tarjan frame: a node and its remaining successors. */
    private record Frame(Instance node, List<Instance> successors, int[] next) {}

    /** Iterative Tarjan from {@code root}, executing each component as it is completed. */
    private void executeFrom(Instance root) {
        Map<InstanceId, int[]> marks = new HashMap<>(); // id -> {index, lowlink, onStack}
        ArrayDeque<Instance> stack = new ArrayDeque<>();
        ArrayDeque<Frame> calls = new ArrayDeque<>();
        int[] counter = {0};
        if (!push(root, marks, stack, calls, counter)) {
            blocked(root);
            return;
        }
        while (!calls.isEmpty()) {
            Frame f = calls.peek();
            if (f.next[0] < f.successors.size()) {
                Instance w = f.successors.get(f.next[0]++);
                int[] wm = marks.get(w.id);
                if (wm == null && waitsFor.containsKey(w.id)) {
                    behind.computeIfAbsent(w.id, k -> new ArrayList<>()).add(root.id);
                    return;
                }
                if (wm == null) {
                    if (!push(w, marks, stack, calls, counter)) {
                        blocked(root);
                        return;
                    }
                } else if (wm[2] == 1) {
                    int[] vm = marks.get(f.node.id);
                    vm[1] = Math.min(vm[1], wm[0]);
                }
                continue;
            }
            calls.pop();
            int[] vm = marks.get(f.node.id);
            if (!calls.isEmpty()) {
                int[] parent = marks.get(calls.peek().node.id);
                parent[1] = Math.min(parent[1], vm[1]);
            }
            if (vm[1] == vm[0]) {
                executeComponent(popComponent(f.node, stack, marks));
            }
        }
    }

    /** Visits {@code v}; false when one of its dependencies is not committed here (execution waits). */
    private boolean push(Instance v, Map<InstanceId, int[]> marks, ArrayDeque<Instance> stack,
            ArrayDeque<Frame> calls, int[] counter) {
        List<Instance> successors = successors(v);
        if (successors == null) {
            return false;
        }
        marks.put(v.id, new int[] {counter[0], counter[0], 1});
        counter[0]++;
        stack.push(v);
        calls.push(new Frame(v, successors, new int[] {0}));
        return true;
    }

    /** The dependencies of the node that could not be visited, not committed here. */
    private final List<InstanceId> missing = new ArrayList<>();

    /** The not yet executed instances of {@code DepSet(v)}, or null when some are not committed here. */
    private List<Instance> successors(Instance v) {
        List<Instance> out = new ArrayList<>();
        missing.clear();
        int vPos = st.space.ownerPos(v.id);
        for (int p = 0; p < ctx.members.size(); p++) {
            TreeMap<Long, Long> runs = executedRuns.get(p);
            long k = st.executedFloor[p] + 1;
            while (k <= v.deps.at(p)) {
                Map.Entry<Long, Long> run = runs.floorEntry(k);
                if (run != null && run.getValue() >= k) {
                    k = run.getValue() + 1;
                    continue;
                }
                if (p != vPos || k != v.id.num()) {
                    Instance w = st.space.at(p, k);
                    if (w == null || !w.isCommitted()) {
                        missing.add(new InstanceId(ctx.members.at(p), k));
                    } else if (!w.executed) {
                        out.add(w);
                    }
                }
                k++;
            }
        }
        return missing.isEmpty() ? out : null;
    }

    /**
     * {@code root} waits until every one of {@link #missing} is committed here (then it is tried
     * again, once: a replica that missed many commits does not rescan after each); every missing
     * one is asked for now (a commit request) and watched by recovery.
     */
    private void blocked(Instance root) {
        if (waitsFor.containsKey(root.id)) {
            return;
        }
        waitsFor.put(root.id, missing.size());
        for (InstanceId id : missing) {
            blockedOn.computeIfAbsent(id, k -> new ArrayList<>()).add(root.id);
            Instance m = st.space.get(id);
            if (st.unsettled.add(id)) {
                ctx.recovery.requestCommit(m);
            }
        }
    }

    private static List<Instance> popComponent(Instance v, ArrayDeque<Instance> stack, Map<InstanceId, int[]> marks) {
        List<Instance> component = new ArrayList<>();
        Instance w;
        do {
            w = stack.pop();
            marks.get(w.id)[2] = 0;
            component.add(w);
        } while (w != v);
        return component;
    }

    private void executeComponent(List<Instance> component) {
        component.sort(ORDER);
        for (Instance x : component) {
            executeOne(x);
        }
    }

    /** Contract {@code Execute(p, i)}: apply the instance's commands; the owner answers its clients. */
    protected void executeOne(Instance x) {
        x.executed = true;
        st.executedCount++;
        st.executedSinceCheckpoint++;
        noteExecuted(x);
        advanceFloor(st.space.ownerPos(x.id));
        boolean own = ctx.owns(x.id);
        switch (x.cmd) {
            case Payload.Batch b -> {
                for (int k = 0; k < b.entries().size(); k++) {
                    ClientEntry e = b.entries().get(k);
                    Result result = st.machine.apply(e.id(), e.command());
                    ctx.out.apply(x.id.position(k), e.id(), e.command(), result);
                    if (own) {
                        ctx.proposals.executed(x.id, e.id(), result);
                    }
                }
            }
            case Payload.Expiry e -> {
                Command expire = new Command.ExpireSessions(e.keep());
                ctx.out.apply(x.id.position(0), null, expire, st.machine.apply(null, expire));
            }
            case Payload.Nop n -> { }
        }
        if (own) {
            ctx.proposals.done(x.id);
        }
        List<InstanceId> waiting = behind.remove(x.id);
        if (waiting != null) {
            ready.addAll(waiting);
        }
        ctx.tracer.execute(x, ctx.out.mark());
    }

    /** {@code x} is executed here: it joins (or starts) a run of its row. */
    void noteExecuted(Instance x) {
        TreeMap<Long, Long> runs = executedRuns.get(st.space.ownerPos(x.id));
        long num = x.id.num();
        long first = num;
        long last = num;
        Map.Entry<Long, Long> before = runs.floorEntry(num);
        if (before != null && before.getValue() >= num - 1) {
            first = before.getKey();
            last = Math.max(last, before.getValue());
        }
        Long after = runs.remove(num + 1);
        if (after != null) {
            last = Math.max(last, after);
        }
        runs.put(first, last);
    }

    void advanceFloor(int pos) {
        while (true) {
            Instance next = st.space.at(pos, st.executedFloor[pos] + 1);
            if (next == null || !next.executed) {
                break;
            }
            st.executedFloor[pos]++;
        }
        executedRuns.get(pos).headMap(st.executedFloor[pos], true).clear();
    }
}
