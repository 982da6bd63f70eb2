package dev.lockstep.multipaxos;

import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.NodeId;
import dev.lockstep.core.ReplicaConfig;
import dev.lockstep.core.Role;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * How many client operations per CPU-second three MultiPaxos cores sustain on one thread, with
 * every message delivered in memory and every Persist acknowledged at once (no I/O, tracing off).
 * Clients keep {@code window} requests outstanding; the leader pipelines and batches. Reads go
 * through the log like writes.
 *
 * <pre>
 * java -cp impl/target-x/classes:impl/target-x/test-classes dev.lockstep.multipaxos.MultiPaxosThroughputBench [ops] [window] [reads%]
 * </pre>
 */
public final class MultiPaxosThroughputBench {
    private final List<MultiPaxosReplica> replicas = new ArrayList<>();
    private final ArrayDeque<Object[]> queue = new ArrayDeque<>();
    private long replies;
    private long events;

    private MultiPaxosThroughputBench(int size) {
        List<NodeId> ids = new ArrayList<>();
        for (int k = 1; k <= size; k++) {
            ids.add(NodeId.of(k));
        }
        for (NodeId id : ids) {
            replicas.add(new MultiPaxosReplica(new ReplicaConfig(id, ids, 10, 20, 2, 64, 8, 10_000, false), id.value()));
        }
    }

    public static void main(String[] args) {
        long ops = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int readPercent = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        for (int round = 1; round <= 3; round++) {
            MultiPaxosThroughputBench b = new MultiPaxosThroughputBench(3);
            b.electFirst();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long start = System.nanoTime();
            long cpuStart = mx.getCurrentThreadCpuTime();
            b.drive(ops, window, readPercent);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("round %d: %,d ops (%d%% reads, window %d): wall %.2f s, cpu %.2f s = %,.0f ops per cpu-s,"
                    + " %,.0f core events per cpu-s (%,.0f ops/s wall)%n",
                    round, ops, readPercent, window, secs, cpu, ops / cpu, b.events / cpu, ops / secs);
        }
    }

    private void electFirst() {
        MultiPaxosReplica first = replicas.get(0);
        while (first.view().role() != Role.LEADER) {
            dispatch(first, Event.Tick.INSTANCE);
            pump();
        }
    }

    private void drive(long ops, int window, int readPercent) {
        MultiPaxosReplica leader = replicas.get(0);
        Bytes[] keys = new Bytes[1024];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = Bytes.utf8("key" + k);
        }
        Bytes value = Bytes.utf8("value-of-sixteen");
        long sent = 0;
        int ticks = 0;
        while (replies < ops) {
            while (sent - replies < window && sent < ops) {
                sent++;
                Bytes key = keys[(int) (sent % keys.length)];
                Command c = sent % 100 < readPercent ? new Command.Get(key) : new Command.Put(key, value);
                dispatch(leader, new Event.ClientRequest(new RequestId(sent % 64, sent), c));
            }
            pump();
            if (++ticks % 64 == 0) {
                for (MultiPaxosReplica r : replicas) {
                    dispatch(r, Event.Tick.INSTANCE);
                }
            }
        }
    }

    private void dispatch(MultiPaxosReplica r, Event e) {
        events++;
        Step s = r.step(e);
        long persisted = 0;
        for (Effect effect : s.effects()) {
            if (effect instanceof Effect.Persist p) {
                persisted = p.seq();
            } else if (effect instanceof Effect.Send send) {
                queue.add(new Object[] {replicas.get(send.to().value() - 1), new Event.Receive(r.id(), send.message())});
            } else if (effect instanceof Effect.Reply) {
                replies++;
            }
        }
        if (persisted > 0) {
            queue.add(new Object[] {r, new Event.Persisted(persisted)});
        }
    }

    private void pump() {
        while (!queue.isEmpty()) {
            Object[] next = queue.poll();
            dispatch((MultiPaxosReplica) next[0], (Event) next[1]);
        }
    }
}
