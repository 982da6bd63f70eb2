package dev.lockstep.lin;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sequential specification of the key-value store, written independently of
 * {@code dev.lockstep.kv.KvStore} so the checker does not trust the code under test. The state
 * covers only the keys of one partition ({@link KeySlots}); it is immutable so the search can
 * memoise it.
 */
final class KvModel {
    private KvModel() {}

    /** The state after an operation and the result the specification returns for it. */
    record Outcome(ModelState state, Result result) {}

    static Outcome apply(ModelState state, KeySlots slots, Command command) {
        Bytes[] values = state.copyValues();
        Result result = run(values, slots, command);
        return new Outcome(new ModelState(values), result);
    }

    private static Result run(Bytes[] v, KeySlots slots, Command c) {
        if (c instanceof Command.Get g) {
            return new Result.Value(Optional.ofNullable(v[slots.slot(g.key())]));
        } else if (c instanceof Command.Put p) {
            return put(v, slots.slot(p.key()), p);
        } else if (c instanceof Command.Delete d) {
            int s = slots.slot(d.key());
            boolean existed = v[s] != null;
            v[s] = null;
            return new Result.Int(existed ? 1 : 0);
        } else if (c instanceof Command.Cas cas) {
            int s = slots.slot(cas.key());
            if (!Optional.ofNullable(v[s]).equals(cas.expected())) {
                return Result.NotApplied.INSTANCE;
            }
            v[s] = cas.newValue();
            return Result.Ok.INSTANCE;
        } else if (c instanceof Command.Incr i) {
            return incr(v, slots.slot(i.key()), i.delta());
        } else if (c instanceof Command.Txn t) {
            return txn(v, slots, t);
        } else if (c instanceof Command.Noop) {
            return Result.Ok.INSTANCE;
        }
        throw new IllegalArgumentException("no model for " + c);
    }

    private static Result put(Bytes[] v, int s, Command.Put p) {
        boolean present = v[s] != null;
        boolean write = p.condition() == Command.Condition.ALWAYS
                || (p.condition() == Command.Condition.IF_ABSENT && !present)
                || (p.condition() == Command.Condition.IF_PRESENT && present);
        if (!write) {
            return Result.NotApplied.INSTANCE;
        }
        v[s] = p.value();
        return Result.Ok.INSTANCE;
    }

    private static Result incr(Bytes[] v, int s, long delta) {
        long next;
        try {
            long current = v[s] == null ? 0 : Long.parseLong(v[s].utf8());
            next = Math.addExact(current, delta);
        } catch (NumberFormatException | ArithmeticException e) {
            return new Result.Error("not an integer");
        }
        v[s] = Bytes.wrap(Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        return new Result.Int(next);
    }

    private static Result txn(Bytes[] v, KeySlots slots, Command.Txn t) {
        for (Command.Compare cmp : t.compares()) {
            if (!Optional.ofNullable(v[slots.slot(cmp.key())]).equals(cmp.expected())) {
                return Result.Aborted.INSTANCE;
            }
        }
        List<Result> results = new ArrayList<>(t.ops().size());
        for (Command op : t.ops()) {
            results.add(run(v, slots, op));
        }
        return new Result.Multi(results);
    }

    /**
     * True when an observed result is the one the specification gives. Errors match any error:
     * their text is the implementation's, the fact of failing is the specification's.
     */
    static boolean matches(Result expected, Result observed) {
        if (expected instanceof Result.Error) {
            return observed instanceof Result.Error;
        }
        if (expected instanceof Result.Multi e && observed instanceof Result.Multi o) {
            if (e.results().size() != o.results().size()) {
                return false;
            }
            for (int i = 0; i < e.results().size(); i++) {
                if (!matches(e.results().get(i), o.results().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(observed);
    }
}
