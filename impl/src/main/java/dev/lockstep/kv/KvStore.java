package dev.lockstep.kv;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command.Cas;
import dev.lockstep.kv.Command.Compare;
import dev.lockstep.kv.Command.Delete;
import dev.lockstep.kv.Command.Get;
import dev.lockstep.kv.Command.Incr;
import dev.lockstep.kv.Command.Noop;
import dev.lockstep.kv.Command.Put;
import dev.lockstep.kv.Command.Txn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key-value map and the semantics of every {@link Command}. Deterministic; no sessions. */
public final class KvStore {
    static final String NOT_AN_INTEGER = "value is not an integer or out of range";

    private final Map<Bytes, Bytes> data;

    public KvStore() {
        this(new HashMap<>());
    }

    KvStore(Map<Bytes, Bytes> data) {
        this.data = data;
    }

    public int size() {
        return data.size();
    }

    public Optional<Bytes> get(Bytes key) {
        return Optional.ofNullable(data.get(key));
    }

    Map<Bytes, Bytes> entries() {
        return data;
    }

    /** Applies a command and returns its result. Read-only commands change nothing. */
    public Result apply(Command command) {
        if (command instanceof Get g) {
            return new Result.Value(get(g.key()));
        } else if (command instanceof Put p) {
            return put(p);
        } else if (command instanceof Delete d) {
            return new Result.Int(data.remove(d.key()) != null ? 1 : 0);
        } else if (command instanceof Cas c) {
            return cas(c);
        } else if (command instanceof Incr i) {
            return incr(i);
        } else if (command instanceof Txn t) {
            return txn(t);
        } else if (command instanceof Noop) {
            return Result.Ok.INSTANCE;
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private Result put(Put p) {
        boolean present = data.containsKey(p.key());
        boolean allowed = switch (p.condition()) {
            case ALWAYS -> true;
            case IF_ABSENT -> !present;
            case IF_PRESENT -> present;
        };
        if (!allowed) {
            return Result.NotApplied.INSTANCE;
        }
        data.put(p.key(), p.value());
        return Result.Ok.INSTANCE;
    }

    private Result cas(Cas c) {
        if (!holds(new Compare(c.key(), c.expected()))) {
            return Result.NotApplied.INSTANCE;
        }
        data.put(c.key(), c.newValue());
        return Result.Ok.INSTANCE;
    }

    private Result incr(Incr i) {
        Bytes current = data.get(i.key());
        long value;
        try {
            value = current == null ? 0 : Long.parseLong(current.utf8());
            value = Math.addExact(value, i.delta());
        } catch (NumberFormatException | ArithmeticException e) {
            return new Result.Error(NOT_AN_INTEGER);
        }
        data.put(i.key(), Bytes.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)));
        return new Result.Int(value);
    }

    private Result txn(Txn t) {
        for (Compare compare : t.compares()) {
            if (!holds(compare)) {
                return Result.Aborted.INSTANCE;
            }
        }
        List<Result> results = new ArrayList<>(t.ops().size());
        for (Command op : t.ops()) {
            results.add(apply(op));
        }
        return new Result.Multi(results);
    }

    private boolean holds(Compare compare) {
        return get(compare.key()).equals(compare.expected());
    }
}
