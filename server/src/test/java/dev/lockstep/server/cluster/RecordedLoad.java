package dev.lockstep.server.cluster;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import dev.lockstep.lin.History;
import dev.lockstep.lin.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntUnaryOperator;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Concurrent Jedis clients over a small key space (GET, SET, SET IFEQ, INCR), each op recorded
 * with real invoke/response times for the linearizability checker. An op that fails (error reply,
 * timeout, refused connection) has an unknown outcome; the client then moves to another replica.
 * Every choice comes from a seeded generator (the seed is printed by the test).
 */
final class RecordedLoad {
    static final List<String> KEYS = List.of("k0", "k1", "k2");
    static final String COUNTER = "ctr";

    private final HistoryRecorder recorder = new HistoryRecorder();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong maxAcknowledgedCounter = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final IntUnaryOperator portOf;
    private final int replicas;

    RecordedLoad(IntUnaryOperator portOf, int replicas) {
        this.portOf = portOf;
        this.replicas = replicas;
    }

    void start(int clients, long seed) {
        for (int c = 0; c < clients; c++) {
            int client = c;
            SplittableRandom random = new SplittableRandom(seed + c);
            Thread t = new Thread(() -> run(client, random), "load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }

    private void run(int client, SplittableRandom random) {
        int replica = client % replicas;
        Jedis jedis = null;
        int seq = 0;
        while (!stop.get()) {
            if (jedis == null) {
                jedis = new Jedis("127.0.0.1", portOf.applyAsInt(replica), 3_000);
            }
            try {
                step(jedis, client, ++seq, random);
            } catch (JedisException e) {
                failed.incrementAndGet();
                jedis.close();
                jedis = null;
                replica = (replica + 1) % replicas;
                sleep(20);
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    /** One operation; throws (leaving it unknown) when no definite answer came. */
    private void step(Jedis jedis, int client, int seq, SplittableRandom random) {
        int dice = random.nextInt(100);
        String key = KEYS.get(random.nextInt(KEYS.size()));
        if (dice < 40) {
            int op = invoke(client, new Command.Get(b(key)));
            String v = jedis.get(key);
            complete(op, new Result.Value(Optional.ofNullable(v).map(Bytes::utf8)));
        } else if (dice < 70) {
            String value = "c" + client + "-" + seq;
            int op = invoke(client, new Command.Put(b(key), b(value)));
            jedis.set(key, value);
            complete(op, Result.Ok.INSTANCE);
        } else if (dice < 85) {
            String expected = "c" + random.nextInt(4) + "-" + (seq - 1 - random.nextInt(3));
            String value = "c" + client + "-" + seq + "cas";
            int op = invoke(client, new Command.Cas(b(key), Optional.of(b(expected)), b(value)));
            Object reply = jedis.sendCommand(Protocol.Command.SET, key, value, "IFEQ", expected);
            complete(op, reply == null ? Result.NotApplied.INSTANCE : Result.Ok.INSTANCE);
        } else {
            int op = invoke(client, new Command.Incr(b(COUNTER), 1));
            long n = jedis.incr(COUNTER);
            maxAcknowledgedCounter.accumulateAndGet(n, Math::max);
            complete(op, new Result.Int(n));
        }
    }

    /** A final read of every key by a fresh client, recorded like any other op. */
    void finalReads(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 5_000)) {
            for (String key : KEYS) {
                int op = invoke(-1, new Command.Get(b(key)));
                String v = jedis.get(key);
                complete(op, new Result.Value(Optional.ofNullable(v).map(Bytes::utf8)));
            }
        }
    }

    private int invoke(long client, Command command) {
        lock.lock();
        try {
            return recorder.invoke(client, command, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    private void complete(int op, Result result) {
        long now = System.nanoTime();
        lock.lock();
        try {
            recorder.complete(op, result, now);
            acknowledged.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    History history() {
        lock.lock();
        try {
            return recorder.history();
        } finally {
            lock.unlock();
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    /** The highest INCR result a client was told: the counter can never be lower afterwards. */
    long maxAcknowledgedCounter() {
        return maxAcknowledgedCounter.get();
    }

    private static Bytes b(String s) {
        return Bytes.utf8(s);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
