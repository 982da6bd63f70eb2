package dev.lockstep.common;

import dev.lockstep.base.NodeId;
import dev.lockstep.core.DurableRecord;
import dev.lockstep.core.Effect;
import dev.lockstep.core.ExecutionPosition;
import dev.lockstep.core.Message;
import dev.lockstep.core.Step;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.RequestId;
import dev.lockstep.kv.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the effects of one step in the order every protocol core emits them (see
 * docs/runtime-contract.md, "How a step orders its effects"): one {@link Effect.Persist}
 * with every durable record of the step, then the {@link Effect.Trace} lines in the order the
 * actions happened, then the sends, applies and replies in the order they were made. A crash
 * therefore keeps or loses a step's actions together. One per replica; not thread-safe.
 */
public final class Outbox {
    private final ArrayList<DurableRecord> records = new ArrayList<>();
    private final ArrayList<Effect> traces = new ArrayList<>();
    private final ArrayList<Effect> outputs = new ArrayList<>();

    public void persist(DurableRecord record) {
        records.add(record);
    }

    public void trace(Effect.Trace line) {
        traces.add(line);
    }

    public void send(NodeId to, Message message) {
        outputs.add(new Effect.Send(to, message));
    }

    public void apply(ExecutionPosition position, RequestId id, Command command, Result result) {
        outputs.add(new Effect.Apply(position, id, command, result));
    }

    /** An apply at slot {@code index} of a log. */
    public void apply(long index, RequestId id, Command command, Result result) {
        apply(new ExecutionPosition.Slot(index), id, command, result);
    }

    public void reply(RequestId id, Result result) {
        outputs.add(new Effect.Reply(id, result));
    }

    /** How many trace lines this step has queued so far. */
    public int traceCount() {
        return traces.size();
    }

    public boolean hasRecords() {
        return !records.isEmpty();
    }

    /** A position in the outputs; {@link #sendsSince} lists what an action sent after it. */
    public int mark() {
        return outputs.size();
    }

    public List<Effect.Send> sendsSince(int mark) {
        List<Effect.Send> sends = new ArrayList<>();
        for (int k = mark; k < outputs.size(); k++) {
            if (outputs.get(k) instanceof Effect.Send s) {
                sends.add(s);
            }
        }
        return sends;
    }

    /** The step's effects (the Persist gets {@code seq}); the outbox is empty afterwards. */
    public Step drain(long seq) {
        if (records.isEmpty() && traces.isEmpty() && outputs.isEmpty()) {
            return Step.EMPTY;
        }
        List<Effect> all = new ArrayList<>(1 + traces.size() + outputs.size());
        if (!records.isEmpty()) {
            all.add(new Effect.Persist(seq, records));
        }
        all.addAll(traces);
        all.addAll(outputs);
        records.clear();
        traces.clear();
        outputs.clear();
        return new Step(all);
    }
}
