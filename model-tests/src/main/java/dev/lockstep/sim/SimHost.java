package dev.lockstep.sim;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.Effect;
import dev.lockstep.core.Event;
import dev.lockstep.core.Replica;
import dev.lockstep.core.Step;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * A simulated server process around one replica. It executes the replica's effects strictly in
 * order, with every {@link Effect.Persist} a barrier (dev.lockstep.core.Effect): writes go to the
 * {@link SimDisk} at once (group commit), but nothing after a persist runs before the disk says it
 * is durable; then the host releases the effects and feeds {@link Event.Persisted} to the replica.
 *
 * <p>A crash follows docs/runtime-contract.md, "What a crash keeps": queued trace lines up to
 * the last persist that survived on disk are kept (their sends, applies and replies are lost); the
 * lines after the first lost persist are dropped.
 */
final class SimHost {
    private record Pending(Effect effect, Map<String, Object> traceMessage) {}

    /** The replica threw while stepping: a bug in the protocol core, not in the simulator. */
    static final class ReplicaFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplicaFailure(NodeId node, Event event, RuntimeException cause) {
            super(node + " threw " + cause + " on " + event.getClass().getSimpleName() + " at "
                    + (cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : "?"), cause);
        }
    }

    final int index;
    final NodeId id;
    final SimDisk disk;
    /** The machine's clock: it runs on through pauses and crashes. */
    final SimClock clock;
    private final HostOutput out;
    private final StepContract contract;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Replica replica;
    private boolean up = true;
    private long pausedUntil = -1;
    private long lastPersistSeq = -1;
    private long steps;

    SimHost(int index, Replica replica, SimDisk disk, SimClock clock, HostOutput out, boolean tracing) {
        this.index = index;
        this.id = replica.id();
        this.replica = replica;
        this.disk = disk;
        this.clock = clock;
        this.out = out;
        this.contract = tracing ? new StepContract(replica.id()) : null;
    }

    Replica replica() {
        return replica;
    }

    boolean isUp() {
        return up;
    }

    boolean isPaused(long now) {
        return now < pausedUntil;
    }

    long pausedUntil() {
        return pausedUntil;
    }

    void pauseUntil(long until) {
        pausedUntil = Math.max(pausedUntil, until);
    }

    void resume() {
        pausedUntil = -1;
    }

    long steps() {
        return steps;
    }

    /**
     * Feeds one event; {@code delivered} is the envelope of a Receive (for trace checks). Returns
     * true when the step issued a write.
     */
    boolean step(Event event, Envelope delivered) {
        steps++;
        Step step;
        try {
            step = replica.step(event);
        } catch (RuntimeException e) {
            throw new ReplicaFailure(id, event, e);
        }
        List<Effect> effects = step.effects();
        List<Map<String, Object>> sent = null;
        if (contract != null) {
            String problem = contract.check(effects, delivered);
            if (problem != null) {
                out.traceProblem(index, problem + " (after " + event.getClass().getSimpleName() + ")");
            }
            sent = StepContract.sentMessages(effects);
        }
        int sendIndex = 0;
        boolean wrote = false;
        for (Effect e : effects) {
            Map<String, Object> traceMessage = null;
            if (e instanceof Effect.Persist p) {
                checkSeq(p);
                disk.write(p);
                wrote = true;
            } else if (e instanceof Effect.Send s && s.message().traced() && sent != null
                    && sendIndex < sent.size()) {
                traceMessage = sent.get(sendIndex++);
            }
            queue.add(new Pending(e, traceMessage));
        }
        drain();
        return wrote;
    }

    private void checkSeq(Effect.Persist p) {
        if (lastPersistSeq >= 0 && p.seq() != lastPersistSeq + 1) {
            out.effectProblem(index, "Persist seq " + p.seq() + " after " + lastPersistSeq
                    + " (Effect.Persist: seq increases by 1)");
        }
        lastPersistSeq = p.seq();
    }

    /** The disk made writes up to {@code upTo} durable: release effects, then tell the replica. */
    boolean durable(long upTo) {
        drain();
        return step(new Event.Persisted(upTo), null);
    }

    private void drain() {
        while (!queue.isEmpty()) {
            Pending head = queue.peekFirst();
            if (head.effect() instanceof Effect.Persist p) {
                if (p.seq() > disk.durableSeq()) {
                    return;
                }
                queue.pollFirst();
                continue;
            }
            queue.pollFirst();
            execute(head);
        }
    }

    private void execute(Pending pending) {
        switch (pending.effect()) {
            case Effect.Send s -> out.send(index, s, pending.traceMessage());
            case Effect.Apply a -> out.apply(index, disk.incarnation(), a);
            case Effect.Reply r -> out.reply(index, r);
            case Effect.Trace t -> out.trace(t);
            case Effect.Persist p -> throw new IllegalStateException("a persist is a barrier, never executed: " + p);
        }
    }

    /**
     * Power loss. The disk keeps a random prefix of unsynced writes; queued trace lines before the
     * first lost write are kept, everything else queued is lost.
     */
    void crash() {
        long survived = disk.crash();
        for (Pending pending : queue) {
            Effect e = pending.effect();
            if (e instanceof Effect.Persist p && p.seq() > survived) {
                break;
            }
            if (e instanceof Effect.Trace t) {
                out.trace(t);
            }
        }
        queue.clear();
        replica = null;
        up = false;
        pausedUntil = -1;
        lastPersistSeq = -1;
    }

    /** Starts a new replica instance from the durable records. */
    void restart(Replica fresh) {
        replica = fresh;
        up = true;
        step(new Event.Recover(disk.records()), null);
    }
}
