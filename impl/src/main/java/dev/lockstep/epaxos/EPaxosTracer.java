package dev.lockstep.epaxos;

import dev.lockstep.base.NodeId;
import dev.lockstep.common.Membership;
import dev.lockstep.common.TraceLine;
import dev.lockstep.common.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace lines of docs/protocols/epaxos-contract.md, "Trace lines": the acting replica's view
 * of the line's instance ({@code phase}, {@code bal}, {@code abal}, {@code deps}, {@code seq});
 * {@code Execute} and {@code Restart} log {@code executed} (how many instances the replica has
 * executed) instead; {@code Propose} adds {@code next}. Params {@code inst} on every action on one
 * instance that receives no message, {@code cmd} on {@code Propose}, {@code bal} on
 * {@code StartRecovery}.
 */
final class EPaxosTracer extends Tracer<EPaxosMessage> {
    private final EPaxosContext ctx;
    /** The instance the line being built is about, or null for a line that logs {@code executed}. */
    private Instance current;
    /** The line being built is an {@code IgnoreMessage}, which logs no state. */
    private boolean ignoring;

    EPaxosTracer(EPaxosContext ctx, boolean on) {
        super(ctx.out, ctx.self, on);
        this.ctx = ctx;
    }

    void propose(Instance x, int mark) {
        if (on()) {
            current = x;
            emit("Propose", null, null, TraceLine.params("inst", x.id.traceForm(), "cmd", x.cmd.traceForm()), mark,
                    Map.of("next", ctx.state.next));
        }
    }

    void local(String action, Instance x, int mark) {
        if (on()) {
            current = x;
            emit(action, null, null, TraceLine.params("inst", x.id.traceForm()), mark, null);
        }
    }

    void received(String action, Instance x, NodeId from, EPaxosMessage m, int mark) {
        if (on()) {
            current = x;
            emit(action, from, m, null, mark, null);
        }
    }

    /** Contract {@code IgnoreMessage(q, m)}: no handler took {@code m}; no state fields. */
    void ignored(NodeId from, EPaxosMessage m) {
        if (on()) {
            current = null;
            ignoring = true;
            emit("IgnoreMessage", from, m, null, ctx.out.mark(), null);
            ignoring = false;
        }
    }

    void startRecovery(Instance x, int mark) {
        if (on()) {
            current = x;
            emit("StartRecovery", null, null, TraceLine.params("inst", x.id.traceForm(), "bal", x.bal), mark, null);
        }
    }

    void execute(Instance x, int mark) {
        if (on()) {
            current = null;
            emit("Execute", null, null, TraceLine.params("inst", x.id.traceForm()), mark, null);
        }
    }

    void restart(int mark) {
        if (on()) {
            current = null;
            emit("Restart", null, null, null, mark, null);
        }
    }

    @Override
    protected Map<String, Object> stateFields() {
        Map<String, Object> state = new LinkedHashMap<>();
        if (ignoring) {
            return state;
        }
        if (current == null) {
            state.put("executed", ctx.state.executedCount);
            return state;
        }
        state.put("phase", current.phase.text());
        state.put("bal", current.bal);
        state.put("abal", current.abal);
        state.put("deps", current.deps.traceForm(ctx.members));
        state.put("seq", current.seq);
        return state;
    }

    @Override
    protected Map<String, Object> messageFields(NodeId from, NodeId to, EPaxosMessage m) {
        return fields(ctx.members, from, to, m);
    }

    /** A message as the contract's record: {@code type, from, to, inst} and its own fields. */
    static Map<String, Object> fields(Membership members, NodeId from, NodeId to, EPaxosMessage m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", m.type());
        f.put("from", from.toString());
        f.put("to", to.toString());
        f.put("inst", m.inst().traceForm());
        switch (m) {
            case EPaxosMessage.PreAccept p -> attributes(f, members, p.cmd(), p.deps(), p.seq());
            case EPaxosMessage.PreAcceptReply r -> {
                f.put("deps", r.deps().traceForm(members));
                f.put("seq", r.seq());
            }
            case EPaxosMessage.Accept a -> {
                f.put("bal", a.bal());
                attributes(f, members, a.cmd(), a.deps(), a.seq());
            }
            case EPaxosMessage.AcceptReply r -> f.put("bal", r.bal());
            case EPaxosMessage.Commit c -> {
                f.put("bal", c.bal());
                attributes(f, members, c.cmd(), c.deps(), c.seq());
            }
            case EPaxosMessage.Recover r -> f.put("bal", r.bal());
            case EPaxosMessage.RecoverReply r -> recoverReply(f, members, r);
            case EPaxosMessage.Validate v -> {
                f.put("bal", v.bal());
                attributes(f, members, v.cmd(), v.deps(), v.seq());
            }
            case EPaxosMessage.ValidateReply r -> {
                f.put("bal", r.bal());
                f.put("conflicts", conflicts(r.conflicts()));
            }
            case EPaxosMessage.Waiting w -> f.put("k", w.k());
            case EPaxosMessage.CommitRequest c -> { }
        }
        return Collections.unmodifiableMap(f);
    }

    private static void attributes(Map<String, Object> f, Membership members, Payload cmd, Deps deps, long seq) {
        f.put("cmd", cmd.traceForm());
        f.put("deps", deps.traceForm(members));
        f.put("seq", seq);
    }

    private static void recoverReply(Map<String, Object> f, Membership members, EPaxosMessage.RecoverReply r) {
        f.put("bal", r.bal());
        f.put("abal", r.abal());
        f.put("phase", r.phase().text());
        f.put("cmd", r.cmd() == null ? "none" : r.cmd().traceForm());
        f.put("deps", r.deps().traceForm(members));
        f.put("seq", r.seq());
        f.put("initDeps", r.initDeps().traceForm(members));
        f.put("initSeq", r.initSeq());
    }

    private static List<Object> conflicts(List<EPaxosMessage.Conflict> conflicts) {
        List<EPaxosMessage.Conflict> sorted = new ArrayList<>(conflicts);
        sorted.sort(Comparator.comparing(EPaxosMessage.Conflict::inst).thenComparing(EPaxosMessage.Conflict::phase));
        List<Object> out = new ArrayList<>();
        for (EPaxosMessage.Conflict c : sorted) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("inst", c.inst().traceForm());
            e.put("phase", c.phase().text());
            out.add(Collections.unmodifiableMap(e));
        }
        return out;
    }
}
