package dev.lockstep.common.erasure;

import dev.lockstep.base.Prng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: encode and decode of one value per op, one thread. MB/s = ops/s x size / 10^6. Decoding
 * runs with the first min(d, p) data shards missing: the most the code tolerates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReedSolomonJmhBench {
    @Param({"2+1", "3+2", "4+2"})
    public String code;
    @Param("4096")
    public int size;

    private ReedSolomon rs;
    private byte[] value;
    private byte[][] degraded;

    @Setup
    public void setUp() {
        String[] dp = code.split("\\+");
        rs = ReedSolomon.of(Integer.parseInt(dp[0]), Integer.parseInt(dp[1]));
        value = new byte[size];
        Prng prng = new Prng(1);
        for (int k = 0; k < size; k++) {
            value[k] = (byte) prng.nextLong();
        }
        degraded = rs.encode(value);
        for (int i = 0; i < Math.min(rs.dataShards(), rs.parityShards()); i++) {
            degraded[i] = null;
        }
    }

    @Benchmark
    public byte[][] encode() {
        return rs.encode(value);
    }

    @Benchmark
    public byte[] decodeWithMaxDataShardsMissing() {
        return rs.decode(degraded);
    }
}
