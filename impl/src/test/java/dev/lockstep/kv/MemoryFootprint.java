package dev.lockstep.kv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Memory per key of the state machine next to redis-server's used_memory, on the same data in
 * one run (docs/benchmarks.md, "Memory per key"): for each type, {@code keys} keys of a small
 * value (a 16-byte string; 3 fields, elements or members of 8 bytes), loaded into a
 * {@link KvStateMachine} (heap used after full GCs, minus before) and into a fresh redis-server
 * (used_memory after, minus before). Not a test; run by hand:
 *
 * <pre>
 * mvn -o -q -pl impl test-compile
 * java -Xmx6g -XX:+UseParallelGC -cp impl/target/classes:impl/target/test-classes dev.lockstep.kv.MemoryFootprint 1000000
 * </pre>
 */
public final class MemoryFootprint {
    private static final List<String> TYPES = List.of("string", "hash", "list", "set", "zset");

    private MemoryFootprint() {}

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "| type | keys | Lockstep bytes/key | Redis bytes/key | ratio |%n|---|---:|---:|---:|---:|%n");
        for (String type : TYPES) {
            double ours = lockstep(type, keys);
            double redis = redis(type, keys);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f |%n", type, keys, ours, redis, ours / redis);
        }
    }

    /** The commands that build key {@code i} of {@code type}. */
    static List<String[]> commands(String type, int i) {
        String key = String.format(Locale.ROOT, "key:%08d", i);
        String v = String.format(Locale.ROOT, "%08d", i);
        return switch (type) {
            case "string" -> List.<String[]>of(new String[] {"set", key, "value:" + v + "xx"});
            case "hash" -> List.<String[]>of(new String[] {"hset", key, "f1", v, "f2", v, "f3", v});
            case "list" -> List.<String[]>of(new String[] {"rpush", key, "a" + v, "b" + v, "c" + v});
            case "set" -> List.<String[]>of(new String[] {"sadd", key, "a" + v, "b" + v, "c" + v});
            default -> List.<String[]>of(new String[] {"zadd", key, "1", "a" + v, "2", "b" + v, "3", "c" + v});
        };
    }

    private static double lockstep(String type, int keys) {
        long before = usedAfterGc();
        KvStateMachine machine = new KvStateMachine();
        for (int i = 0; i < keys; i++) {
            for (String[] c : commands(type, i)) {
                machine.apply(null, Command.Redis.of(c));
            }
        }
        long after = usedAfterGc();
        if (machine.store().size() != keys) {
            throw new IllegalStateException("expected " + keys + " keys, got " + machine.store().size());
        }
        return (after - before) / (double) keys;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double redis(String type, int keys) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var dir = Files.createTempDirectory("lockstep-mem");
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--save", "",
                "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (Socket socket = connect(port)) {
            long before = usedMemory(socket);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            Thread drain = drain(socket.getInputStream(), keys);
            for (int i = 0; i < keys; i++) {
                for (String[] c : commands(type, i)) {
                    out.write(resp(c));
                }
            }
            out.flush();
            drain.join();
            return (usedMemory(socket) - before) / (double) keys;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Socket connect(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Reads {@code replies} one-line replies (every load command answers with one). */
    private static Thread drain(InputStream in, int replies) {
        Thread t = new Thread(() -> {
            try {
                int lines = 0;
                int b;
                while (lines < replies && (b = in.read()) >= 0) {
                    if (b == '\n') {
                        lines++;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        return t;
    }

    private static long usedMemory(Socket socket) throws IOException {
        socket.getOutputStream().write(resp(new String[] {"info", "memory"}));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder header = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            header.append((char) b);
        }
        int len = Integer.parseInt(header.substring(1).trim());
        byte[] body = in.readNBytes(len + 2);
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()));
            }
        }
        throw new IllegalStateException("no used_memory in INFO memory");
    }

    private static byte[] resp(String[] args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

}
