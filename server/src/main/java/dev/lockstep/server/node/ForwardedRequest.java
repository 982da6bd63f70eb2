package dev.lockstep.server.node;

import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.server.runtime.ReplicaRuntime;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A request a follower forwarded to this replica: submitted to the local replica, answered
 * exactly once, with {@code Unknown} if the replica gives no answer within the request timeout
 * (its callback is then forgotten, so a replica that never answers leaks nothing).
 */
final class ForwardedRequest implements Consumer<Result> {
    private final ReplicaRuntime runtime;
    private final RequestId id;
    private final Consumer<Result> respond;
    private final AtomicBoolean answered = new AtomicBoolean();
    private ScheduledFuture<?> timeout;

    private ForwardedRequest(ReplicaRuntime runtime, RequestId id, Consumer<Result> respond) {
        this.runtime = runtime;
        this.id = id;
        this.respond = respond;
    }

    static void serve(ReplicaRuntime runtime, RequestId id, Command command, Consumer<Result> respond,
            EventExecutorGroup timers, long timeoutMs) {
        ForwardedRequest request = new ForwardedRequest(runtime, id, respond);
        request.timeout = timers.schedule(request::expire, timeoutMs, TimeUnit.MILLISECONDS);
        // The replica that orders the request stamps the time its expiry decisions use.
        runtime.submit(id, Command.Timed.restamp(command, System.currentTimeMillis()), request);
    }

    @Override
    public void accept(Result result) {
        if (answered.compareAndSet(false, true)) {
            timeout.cancel(false);
            respond.accept(result);
        }
    }

    private void expire() {
        if (answered.compareAndSet(false, true)) {
            runtime.cancel(id, this);
            respond.accept(new Result.Unknown("the leader gave no answer in time"));
        }
    }
}
