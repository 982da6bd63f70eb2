package dev.lockstep.common.erasure;

import dev.lockstep.base.Prng;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Encode and decode throughput of {@link ReedSolomon} on one thread, in MB (10^6 bytes) of
 * value per CPU-second, for 4 KB values and the codes of the protocols: (2,1) and (3,2) for
 * 3 and 5 replicas, and (4,2). Decoding runs with as many data shards missing as the code
 * tolerates (the first {@code min(d, p)}), so every call inverts a matrix and rebuilds shards.
 * A benchmark, not a test: run it by hand (impl has no JMH; see docs/benchmarks.md).
 *
 * <pre>
 * mvn -o -q -pl impl -Dlockstep.target=target-rs test-compile
 * java -cp impl/target-rs/classes:impl/target-rs/test-classes dev.lockstep.common.erasure.ReedSolomonBench [valueBytes] [seconds]
 * </pre>
 */
public final class ReedSolomonBench {
    private static final int[][] CODES = {{2, 1}, {3, 2}, {4, 2}};
    private static volatile int sink;

    private ReedSolomonBench() {}

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        byte[] value = new byte[size];
        Prng prng = new Prng(1);
        for (int k = 0; k < size; k++) {
            value[k] = (byte) prng.nextLong();
        }
        for (int round = 1; round <= 3; round++) {
            for (int[] code : CODES) {
                ReedSolomon rs = ReedSolomon.of(code[0], code[1]);
                byte[][] degraded = rs.encode(value);
                for (int i = 0; i < Math.min(code[0], code[1]); i++) {
                    degraded[i] = null;
                }
                double encode = measure(seconds, size, () -> rs.encode(value)[rs.totalShards() - 1][0]);
                double decode = measure(seconds, size, () -> rs.decode(degraded)[size / 2]);
                System.out.printf("round %d %s %d B: encode %,.0f MB/cpu-s, decode with %d data shards missing %,.0f"
                        + " MB/cpu-s%n", round, rs, size, encode, Math.min(code[0], code[1]), decode);
            }
        }
    }

    private interface Op {
        int run();
    }

    /** Runs {@code op} for about {@code seconds} of this thread's CPU and returns value MB per CPU-second. */
    private static double measure(double seconds, int size, Op op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long start = mx.getCurrentThreadCpuTime();
        long ops = 0;
        int acc = 0;
        long used;
        do {
            for (int k = 0; k < 256; k++) {
                acc += op.run();
            }
            ops += 256;
            used = mx.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        sink = acc;
        return ops * (double) size / (used / 1e9) / 1e6;
    }
}
