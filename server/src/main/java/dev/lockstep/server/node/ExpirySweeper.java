package dev.lockstep.server.node;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.core.ReplicaStatus;
import dev.lockstep.server.resp.RequestRouter;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The active half of key expiry (Redis's {@code activeExpireCycle}, made replicated): every
 * period, the replica that orders commands (the leader; every replica of a leaderless protocol)
 * reads which keys of the next stretch of the keyspace have expired ({@link
 * Command.ExpiredKeys}) and proposes their deletion ({@link Command.ExpireKeys}, which deletes
 * only keys still expired at its own stamp). Reads never wait for it: an expired key is
 * invisible at once. One round at a time; a round that fails is retried next period.
 */
final class ExpirySweeper {
    static final int KEYS_PER_ROUND = 1000;

    private final RequestRouter router;
    private final Supplier<ReplicaStatus> status;
    private final EventExecutor loop;
    private final long client;
    private final long periodMs;
    private long seq;
    private long cursor;
    private volatile boolean closed;

    ExpirySweeper(RequestRouter router, Supplier<ReplicaStatus> status, EventExecutor loop, LongSupplier clientIds,
            long periodMs) {
        this.router = router;
        this.status = status;
        this.loop = loop;
        this.client = clientIds.getAsLong();
        this.periodMs = periodMs;
    }

    void start() {
        schedule();
    }

    void close() {
        closed = true;
    }

    private void schedule() {
        if (!closed) {
            loop.schedule(this::round, periodMs, TimeUnit.MILLISECONDS);
        }
    }

    private void round() {
        ReplicaStatus s = status.get();
        // No key with an expiry time here: nothing to search (and, under EPaxos, no instance that
        // every command would have to be ordered against).
        boolean nothingExpires = s.counters().getOrDefault("expires", 1L) == 0;
        if (closed || nothingExpires || !(s.leadership().isEmpty() || s.leading())) {
            schedule();
            return;
        }
        Command find = new Command.Timed(System.currentTimeMillis(), new Command.ExpiredKeys(cursor, KEYS_PER_ROUND));
        router.execute(next(), find, result -> loop.execute(() -> found(result)));
    }

    private void found(Result result) {
        if (!(result instanceof Result.Array a) || a.elements().size() != 2
                || !(a.elements().get(0) instanceof Result.Int next) || !(a.elements().get(1) instanceof Result.Array keys)) {
            schedule();
            return;
        }
        cursor = next.value();
        List<dev.lockstep.base.Bytes> expired = new ArrayList<>();
        for (Result k : keys.elements()) {
            if (k instanceof Result.Value v && v.value().isPresent()) {
                expired.add(v.value().get());
            }
        }
        if (expired.isEmpty()) {
            schedule();
            return;
        }
        RequestId id = next();
        Command delete = new Command.Acked(id.seq(),
                new Command.Timed(System.currentTimeMillis(), new Command.ExpireKeys(expired)));
        router.execute(id, delete, done -> loop.execute(this::schedule));
    }

    private RequestId next() {
        return new RequestId(client, seq++);
    }
}
