package dev.lockstep.server.peer;

import dev.lockstep.base.NodeId;
import dev.lockstep.server.config.HostPort;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outgoing connection to one peer: dials it, reconnects with exponential backoff (with
 * jitter) after a failure, and dials at once, ending the wait, when the peer connects to us
 * ({@link #peerIsUp}); sends frames through a bounded queue. A frame is dropped, never
 * waited for, when the peer is unreachable, the queue is full or the socket is backed up: the
 * protocols tolerate message loss and retransmit.
 */
final class PeerLink {
    static final long MIN_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 2_000;

    enum State { CONNECTING, CONNECTED, BACKOFF, CLOSED }

    private final NodeId id;
    private final HostPort address;
    private final Bootstrap bootstrap;
    private final int maxQueued;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile Channel channel;
    private volatile State state = State.CONNECTING;
    private volatile String lastError;
    /** Written by I/O threads one at a time (a link has one connection attempt at once). */
    private volatile long backoffMs = MIN_BACKOFF_MS;
    /** The scheduled redial while in backoff (may already have run). */
    private final AtomicReference<ScheduledFuture<?>> pendingRetry = new AtomicReference<>();

    PeerLink(NodeId id, HostPort address, Bootstrap bootstrap, int maxQueued) {
        this.id = id;
        this.address = address;
        this.bootstrap = bootstrap;
        this.maxQueued = maxQueued;
    }

    NodeId id() {
        return id;
    }

    void start() {
        connect();
    }

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        ChannelFuture f = bootstrap.connect(address.host(), address.port());
        f.addListener(done -> {
            if (done.isSuccess()) {
                f.channel().closeFuture().addListener(closed -> onClosed(f.channel()));
            } else {
                lastError = "connect to " + address + " failed: " + done.cause().getMessage();
                retryLater();
            }
        });
    }

    /** The handshake on our connection succeeded. */
    void onHandshake(Channel ch) {
        channel = ch;
        state = State.CONNECTED;
        lastError = null;
        backoffMs = MIN_BACKOFF_MS;
        connects.incrementAndGet();
    }

    private void onClosed(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
        if (lastError == null) {
            lastError = "connection to " + address + " closed";
        }
        retryLater();
    }

    private void retryLater() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.BACKOFF;
        long delay = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        pendingRetry.set(bootstrap.config().group().schedule(this::connect, delay, TimeUnit.MILLISECONDS));
    }

    /**
     * The peer just connected to us, so it is up again: dial it now rather than at the end of
     * a backoff that may have grown to {@link #MAX_BACKOFF_MS}. Without this a restarted replica
     * heard nothing from the leader for up to two seconds, longer than an election timeout, and
     * a protocol without PreVote then had the restarted replica preempt the leader. Does nothing
     * unless a redial is waiting.
     */
    void peerIsUp() {
        ScheduledFuture<?> retry = pendingRetry.getAndSet(null);
        if (retry != null && retry.cancel(false)) {
            backoffMs = MIN_BACKOFF_MS;
            connect();
        }
    }

    /** Milliseconds until the waiting redial, or -1 when none is waiting (tests). */
    long redialInMs() {
        ScheduledFuture<?> retry = pendingRetry.get();
        return retry == null || retry.isDone() ? -1 : retry.getDelay(TimeUnit.MILLISECONDS);
    }

    void recordRefusal(String reason) {
        lastError = "refused: " + reason;
    }

    /** Queues a frame; false (and counted as dropped) when it cannot be sent now. */
    boolean send(Frame frame) {
        Channel ch = channel;
        if (ch == null || state != State.CONNECTED) {
            dropped.incrementAndGet();
            return false;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        queue.offer(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            ch.eventLoop().execute(() -> drain(ch));
        }
        return true;
    }

    /** Writes everything queued with one flush; runs on the channel's event loop. */
    private void drain(Channel ch) {
        drainScheduled.set(false);
        Frame frame;
        while ((frame = queue.poll()) != null) {
            queued.decrementAndGet();
            if (!ch.isActive() || !ch.isWritable()) {
                dropped.incrementAndGet();
                continue;
            }
            ch.write(frame, ch.voidPromise());
            sent.incrementAndGet();
        }
        ch.flush();
    }

    boolean connected() {
        return state == State.CONNECTED;
    }

    PeerState snapshot(boolean inbound) {
        return new PeerState(id, address.toString(), state.name().toLowerCase(java.util.Locale.ROOT), inbound,
                sent.get(), dropped.get(), connects.get(), lastError);
    }

    void close() {
        state = State.CLOSED;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
