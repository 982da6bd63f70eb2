package dev.lockstep.server.node;

import dev.lockstep.base.NodeId;
import dev.lockstep.server.config.ServerConfig;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Session ids for client connections ({@code RequestId.client}), unique across connections,
 * replicas and restarts: bits 48..62 hold the replica id, bits 0..47 a per-boot random base plus
 * a connection counter. Within one boot ids never repeat (2^48 connections); two boots of the
 * same replica collide only if their ranges overlap, with probability about
 * (connections of both boots) / 2^48 (~7e-9 for a million connections each).
 */
public final class ClientIds implements LongSupplier {
    private static final long LOW_BITS = (1L << 48) - 1;

    private final long replicaBits;
    private final long base;
    private final AtomicLong counter = new AtomicLong();

    public ClientIds(NodeId self, long bootNonce) {
        if (self.value() > ServerConfig.MAX_REPLICA_ID) {
            throw new IllegalArgumentException("replica id " + self + " does not fit in 15 bits");
        }
        this.replicaBits = (long) self.value() << 48;
        this.base = bootNonce & LOW_BITS;
    }

    /** With a boot nonce from {@link SecureRandom} (the runtime may use real randomness). */
    public static ClientIds random(NodeId self) {
        return new ClientIds(self, new SecureRandom().nextLong());
    }

    @Override
    public long getAsLong() {
        return replicaBits | ((base + counter.getAndIncrement()) & LOW_BITS);
    }
}
