package dev.lockstep.sim;

import dev.lockstep.core.Effect;
import dev.lockstep.base.Prng;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import dev.lockstep.lin.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated clients. Each has one operation outstanding at a time and records it in the
 * history. An attempt that times out is retried at the next node, a Redirect at the node it names
 * (the next node if it names none), an Unknown answer at the same node, always with the SAME RequestId (sessions make that
 * safe). During the faults phase a client gives up after {@code giveUpMs}: the outcome stays
 * unknown. After healing it never gives up, so liveness can be judged. With
 * {@code endSessionEvery} a client also ends its session now and then ({@code EndSession}, sent
 * once and not awaited, like a server whose client connection closed) and goes on under a new
 * session id: a given-up request of the old session may still reach the log after the end.
 *
 * <p>Each command is stamped ({@link Command.Timed}) with {@link #EPOCH_MS} plus the simulated
 * time at which the client first issues it, and every retry sends the same stamp, so whichever
 * attempt is applied, by whatever node and when, decides its expiry questions at the time the
 * history records with it (the model decides it at that stamp). A real server stamps a request
 * when it arrives and the leader restamps a forwarded one; here the stamp stands for that one
 * time, taken before the request is in flight, so a slow or retried request can be applied after
 * one stamped later.
 */
final class ClientDriver {
    private static final int CLIENT_LINK_MIN_MS = 1;
    private static final int CLIENT_LINK_MAX_MS = 3;
    /**
     * The wall-clock time (ms since the epoch) of simulated time 0, so stamps look real
     * (2023-11-14T22:13:20Z).
     */
    static final long EPOCH_MS = 1_700_000_000_000L;
    /** Session ids of client {@code index}: {@code generation * SESSION_STRIDE + index + 1}. */
    private static final long SESSION_STRIDE = 1_000_000;

    private static final class Client {
        final int index;
        int opsLeft;
        long seq;
        boolean waiting;
        int op;
        /** The command, stamped with the time the client first issued it (kept by every retry). */
        Command command;
        long startedAt;
        int attempt;
        int target;
        long generation;
        int answered;

        Client(int index, int ops, int target) {
            this.index = index;
            this.opsLeft = ops;
            this.target = target;
        }

        RequestId requestId() {
            return new RequestId(generation * SESSION_STRIDE + index + 1, seq);
        }
    }

    private final Profiles.Workload workload;
    private final int nodes;
    private final Prng rng;
    private final SimTime time;
    private final HistoryRecorder history;
    private final WorkloadGenerator generator;
    private final List<Client> clients = new ArrayList<>();
    private double loss;
    private boolean healed;
    private long lastCompletionAt;

    ClientDriver(Profiles.Workload workload, int nodes, double loss, Prng rng, SimTime time, HistoryRecorder history) {
        this.workload = workload;
        this.nodes = nodes;
        this.loss = loss;
        this.rng = rng;
        this.time = time;
        this.history = history;
        this.generator = new WorkloadGenerator(workload.keys(), rng.fork());
        for (int c = 0; c < workload.clients(); c++) {
            int ops = workload.ops() / workload.clients() + (c < workload.ops() % workload.clients() ? 1 : 0);
            clients.add(new Client(c, ops, rng.nextInt(nodes)));
        }
    }

    void start() {
        for (Client c : clients) {
            time.after(rng.nextIntInclusive(0, workload.maxThinkMs()), new SimEvent.ClientStart(c.index));
        }
    }

    void onStart(int index) {
        Client c = clients.get(index);
        if (c.opsLeft == 0 || c.waiting) {
            return;
        }
        c.opsLeft--;
        c.seq++;
        c.command = new Command.Timed(EPOCH_MS + time.now(), generator.next());
        c.op = history.invoke(index + 1, c.command, time.fired());
        c.startedAt = time.now();
        c.waiting = true;
        c.attempt = 0;
        sendAttempt(c);
    }

    private void sendAttempt(Client c) {
        c.attempt++;
        if (!lost()) {
            time.after(linkDelay(), new SimEvent.ClientArrive(c.target, c.requestId(), sent(c)));
        }
        time.after(workload.attemptTimeoutMs(), new SimEvent.ClientRetry(c.index, c.seq, c.attempt, true));
    }

    /**
     * What goes on the wire: a write carries the session's acknowledgement, as the server's
     * do. The client's only unanswered request is the current one (an abandoned one counts as
     * answered: its outcome stays unknown), so replicas may forget every earlier result.
     */
    private static Command sent(Client c) {
        return c.command.isReadOnly() ? c.command : new Command.Acked(c.seq, c.command);
    }

    /** A node executed a Reply effect: it travels back to its client. */
    void reply(Effect.Reply reply) {
        int index = (int) (reply.id().client() % SESSION_STRIDE) - 1;
        if (index >= 0 && index < clients.size() && !lost()) {
            time.after(linkDelay(), new SimEvent.ClientAnswer(index, reply.id(), reply.result()));
        }
    }

    void onAnswer(SimEvent.ClientAnswer a) {
        Client c = clients.get(a.client());
        if (!c.waiting || !a.id().equals(c.requestId())) {
            return;
        }
        Result r = a.result();
        if (r.isDefinite()) {
            history.complete(c.op, r, time.fired());
            lastCompletionAt = time.now();
            maybeEndSession(c);
            finish(c);
            return;
        }
        if (r instanceof Result.Redirect redirect) {
            c.target = redirect.target().map(id -> id.value() - 1).filter(n -> n < nodes)
                    .orElse((c.target + 1) % nodes);
        }
        c.attempt++;
        time.after(rng.nextIntInclusive(5, 20), new SimEvent.ClientRetry(c.index, c.seq, c.attempt, false));
    }

    void onRetry(SimEvent.ClientRetry r) {
        Client c = clients.get(r.client());
        if (!c.waiting || r.seq() != c.seq || r.attempt() != c.attempt) {
            return;
        }
        if (r.timeout()) {
            if (!healed && time.now() - c.startedAt >= workload.giveUpMs()) {
                finish(c);
                return;
            }
            c.target = (c.target + 1) % nodes;
        }
        sendAttempt(c);
    }

    /** Every {@code endSessionEvery} answers: end this session and start a new one. */
    private void maybeEndSession(Client c) {
        int every = workload.endSessionEvery();
        if (every == 0 || ++c.answered % every != 0) {
            return;
        }
        c.seq++;
        if (!lost()) {
            time.after(linkDelay(), new SimEvent.ClientArrive(c.target, c.requestId(), Command.EndSession.INSTANCE));
        }
        c.generation++;
        c.seq = 0;
    }

    private void finish(Client c) {
        c.waiting = false;
        if (c.opsLeft > 0) {
            time.after(rng.nextIntInclusive(0, workload.maxThinkMs()), new SimEvent.ClientStart(c.index));
        }
    }

    private boolean lost() {
        return loss > 0 && rng.chance(loss);
    }

    private int linkDelay() {
        return rng.nextIntInclusive(CLIENT_LINK_MIN_MS, CLIENT_LINK_MAX_MS);
    }

    /** From now on clients never give up and their links lose nothing. */
    void heal() {
        healed = true;
        loss = 0;
    }

    /** History ids of the operations waiting for an answer. */
    List<Integer> outstanding() {
        List<Integer> ops = new ArrayList<>();
        for (Client c : clients) {
            if (c.waiting) {
                ops.add(c.op);
            }
        }
        return ops;
    }

    boolean allDone() {
        for (Client c : clients) {
            if (c.waiting || c.opsLeft > 0) {
                return false;
            }
        }
        return true;
    }

    long lastCompletionAt() {
        return lastCompletionAt;
    }
}
