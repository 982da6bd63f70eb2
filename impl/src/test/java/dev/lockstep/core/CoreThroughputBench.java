package dev.lockstep.core;

import dev.lockstep.base.Bytes;
import dev.lockstep.base.NodeId;
import dev.lockstep.common.LeaderTuning;
import dev.lockstep.common.Role;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * How many client operations per CPU-second three cores of a registered protocol sustain on
 * one thread, with every message delivered in memory and every Persist acknowledged at once
 * (no I/O, tracing off). 64 clients keep {@code window} requests outstanding in all; the leader
 * pipelines and batches. A benchmark, not a test: run it by hand.
 *
 * <pre>
 * mvn -q -pl impl test-compile
 * java -cp impl/target/classes:impl/target/test-classes dev.lockstep.core.CoreThroughputBench raft|multipaxos [ops] [window] [reads%]
 * </pre>
 */
public final class CoreThroughputBench {
    private record Delivery(Replica to, Event event) {}

    /**
     * Request n is client {@code n % CLIENTS}'s seq {@code n / CLIENTS + 1}, so each session's
     * seqs are consecutive, as a server's are. Answers come in submission order here (one
     * leader, no faults), so every request numbered up to {@code replies} was answered and
     * {@code replies / CLIENTS} is at most any session's lowest unanswered seq: writes carry
     * it as their acknowledgement, as the server's do.
     */
    private static final int CLIENTS = 64;

    private final List<Replica> replicas = new ArrayList<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private long replies;
    private long events;

    private CoreThroughputBench(Protocol protocol, int size) {
        List<NodeId> ids = new ArrayList<>();
        for (int k = 1; k <= size; k++) {
            ids.add(NodeId.of(k));
        }
        for (NodeId id : ids) {
            replicas.add(protocol.factory().create(new LeaderTuning(10, 20, 2, 64, 8, 10_000).config(id, ids, false), id.value()));
        }
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: CoreThroughputBench " + ProtocolRegistry.names() + " [ops] [window] [reads%]");
            System.exit(2);
        }
        Protocol protocol = ProtocolRegistry.get(args[0]);
        long ops = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int readPercent = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            CoreThroughputBench b = new CoreThroughputBench(protocol, 3);
            b.electFirst();
            long start = System.nanoTime();
            long cpuStart = mx.getCurrentThreadCpuTime();
            b.drive(ops, window, readPercent);
            double secs = (System.nanoTime() - start) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("%s round %d: %,d ops (%d%% reads, window %d): wall %.2f s, cpu %.2f s = %,.0f ops per"
                    + " cpu-s, %,.0f core events per cpu-s (%,.0f ops/s wall)%n", protocol.name(), round, ops,
                    readPercent, window, secs, cpu, ops / cpu, b.events / cpu, ops / secs);
        }
    }

    private void electFirst() {
        Replica first = replicas.get(0);
        while (!first.status().leading()) {
            dispatch(first, new Event.Tick(0));
            pump();
        }
    }

    private void drive(long ops, int window, int readPercent) {
        Replica leader = replicas.get(0);
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
                Command c = sent % 100 < readPercent ? new Command.Get(key)
                        : new Command.Acked(Math.max(1, replies / CLIENTS), new Command.Put(key, value));
                dispatch(leader, new Event.ClientRequest(new RequestId(sent % CLIENTS, sent / CLIENTS + 1), c));
            }
            pump();
            if (++ticks % 64 == 0) {
                for (Replica r : replicas) {
                    dispatch(r, new Event.Tick(0));
                }
            }
        }
    }

    private void dispatch(Replica r, Event e) {
        events++;
        Step s = r.step(e);
        long persisted = 0;
        for (Effect effect : s.effects()) {
            if (effect instanceof Effect.Persist p) {
                persisted = p.seq();
            } else if (effect instanceof Effect.Send send) {
                queue.add(new Delivery(replicas.get(send.to().value() - 1), new Event.Receive(r.id(), send.message())));
            } else if (effect instanceof Effect.Reply) {
                replies++;
            }
        }
        if (persisted > 0) {
            queue.add(new Delivery(r, new Event.Persisted(persisted)));
        }
    }

    private void pump() {
        while (!queue.isEmpty()) {
            Delivery next = queue.poll();
            dispatch(next.to(), next.event());
        }
    }
}
