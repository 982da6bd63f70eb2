package dev.lockstep.server.resp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Client-side counters shared by every connection of one server. */
public final class ClientStats {
    final AtomicLong connected = new AtomicLong();
    final LongAdder accepted = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder commands = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder sessionsEnded = new LongAdder();

    public long connected() {
        return connected.get();
    }

    public long accepted() {
        return accepted.sum();
    }

    /** Connections refused because {@code limits.maxClients} were already connected. */
    public long rejected() {
        return rejected.sum();
    }

    public long commands() {
        return commands.sum();
    }

    /** Commands answered with an error reply. */
    public long errors() {
        return errors.sum();
    }

    /** Connections closed for malformed RESP. */
    public long protocolErrors() {
        return protocolErrors.sum();
    }

    /** Closed connections whose session end was submitted (see {@code ClientConnection}). */
    public long sessionsEnded() {
        return sessionsEnded.sum();
    }
}
