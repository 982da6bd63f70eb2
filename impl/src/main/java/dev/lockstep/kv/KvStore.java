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
import dev.lockstep.kv.redis.Db;
import dev.lockstep.kv.redis.KeyEntry;
import dev.lockstep.kv.redis.Keyspace;
import dev.lockstep.kv.redis.RedisCommands;
import dev.lockstep.kv.redis.RedisError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keyspace and the semantics of every {@link Command}. Deterministic; no sessions. The time
 * a command sees comes from its {@link Command.Timed} stamp, never from a clock.
 */
public final class KvStore {
    static final String NOT_AN_INTEGER = "value is not an integer or out of range";

    private final Keyspace keys;

    public KvStore() {
        this(new Keyspace());
    }

    KvStore(Keyspace keys) {
        this.keys = keys;
    }

    public int size() {
        return keys.size();
    }

    /** The string stored at {@code key}, ignoring expiry (tests and checkers); empty for other types. */
    public Optional<Bytes> get(Bytes key) {
        KeyEntry e = keys.get(key);
        return e != null && e.value() instanceof Bytes b ? Optional.of(b) : Optional.empty();
    }

    /** The keyspace (read-only use outside the state machine: snapshots, INFO, the expiry sweep). */
    public Keyspace keyspace() {
        return keys;
    }

    /** Applies a command that carries no time: nothing expires for it. */
    public Result apply(Command command) {
        return apply(command, Db.NO_CLOCK, 0, true);
    }

    /**
     * Applies a command and returns its result. A read-only command changes nothing.
     *
     * @param now the command's stamped time, or {@link Db#NO_CLOCK}
     * @param seed the request's identity (mixed into key versions and random choices)
     * @param writing false for a read served outside the log
     */
    Result apply(Command command, long now, long seed, boolean writing) {
        if (command instanceof Command.Timed t) {
            return apply(t.command(), t.nowMillis(), seed, writing);
        }
        // A read never changes the store, whether it is served outside the log (Raft's ReadIndex)
        // or through it (MultiPaxos, EPaxos): an expired key it meets stays until a write or the
        // sweep deletes it, so the state does not depend on how a protocol serves reads.
        Db db = new Db(keys, now, writing && !command.isReadOnly(), seed);
        return run(db, command);
    }

    private Result run(Db db, Command command) {
        return switch (command) {
            case Get g -> get(db, g.key());
            case Put p -> put(db, p);
            case Delete d -> new Result.Int(db.delete(d.key()) ? 1 : 0);
            case Cas c -> cas(db, c);
            case Incr i -> incr(db, i);
            case Txn t -> txn(db, t);
            case Noop n -> Result.Ok.INSTANCE;
            case Command.Redis r -> RedisCommands.run(db, r.argv());
            case Command.Versions v -> versions(db, v);
            case Command.ExpireKeys x -> expireKeys(db, x);
            case Command.ExpiredKeys x -> expiredKeys(db, x);
            default -> throw new IllegalArgumentException("not a store command: " + command);
        };
    }

    private static Result get(Db db, Bytes key) {
        try {
            return new Result.Value(Optional.ofNullable(db.read(key, Bytes.class)));
        } catch (RedisError e) {
            return new Result.Error(e.getMessage());
        }
    }

    private static Result put(Db db, Put p) {
        boolean present = db.entry(p.key()) != null;
        boolean allowed = switch (p.condition()) {
            case ALWAYS -> true;
            case IF_ABSENT -> !present;
            case IF_PRESENT -> present;
        };
        if (!allowed) {
            return Result.NotApplied.INSTANCE;
        }
        db.putString(p.key(), p.value(), false);
        return Result.Ok.INSTANCE;
    }

    private static Result cas(Db db, Cas c) {
        if (!holds(db, new Compare(c.key(), c.expected()))) {
            return Result.NotApplied.INSTANCE;
        }
        db.putString(c.key(), c.newValue(), false);
        return Result.Ok.INSTANCE;
    }

    /** INCRBY: the key keeps its expiry, as in Redis. */
    private static Result incr(Db db, Incr i) {
        Bytes current;
        try {
            current = db.read(i.key(), Bytes.class);
        } catch (RedisError e) {
            return new Result.Error(e.getMessage());
        }
        long value;
        try {
            value = current == null ? 0 : Long.parseLong(current.utf8());
            value = Math.addExact(value, i.delta());
        } catch (NumberFormatException | ArithmeticException e) {
            return new Result.Error(NOT_AN_INTEGER);
        }
        db.putString(i.key(), Bytes.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)), true);
        return new Result.Int(value);
    }

    private Result txn(Db db, Txn t) {
        for (Compare compare : t.compares()) {
            if (!holds(db, compare)) {
                return Result.Aborted.INSTANCE;
            }
        }
        for (Command.Watch w : t.watches()) {
            if (db.version(w.key()) != w.version()) {
                return Result.Aborted.INSTANCE;
            }
        }
        List<Result> results = new ArrayList<>(t.ops().size());
        for (Command op : t.ops()) {
            results.add(run(db, op));
        }
        return new Result.Multi(results);
    }

    private static Result versions(Db db, Command.Versions v) {
        List<Result> out = new ArrayList<>(v.keys().size());
        for (Bytes key : v.keys()) {
            out.add(new Result.Int(db.version(key)));
        }
        return new Result.Array(out);
    }

    private static Result expireKeys(Db db, Command.ExpireKeys x) {
        int deleted = 0;
        for (Bytes key : x.keys()) {
            KeyEntry e = db.keyspace().get(key);
            if (e != null && db.expired(e)) {
                db.keyspace().remove(key);
                deleted++;
            }
        }
        return new Result.Int(deleted);
    }

    private static Result expiredKeys(Db db, Command.ExpiredKeys x) {
        List<Bytes> found = new ArrayList<>();
        long next = db.keyspace().scan(x.cursor(), x.count(), e -> {
            if (db.expired(e)) {
                found.add(e.key());
            }
        });
        List<Result> keys = new ArrayList<>(found.size());
        for (Bytes k : found) {
            keys.add(new Result.Value(Optional.of(k)));
        }
        return new Result.Array(List.of(new Result.Int(next), new Result.Array(keys)));
    }

    /** A compare on a string value; a key of another type never equals an expected string. */
    private static boolean holds(Db db, Compare compare) {
        KeyEntry e = db.entry(compare.key());
        if (e == null) {
            return compare.expected().isEmpty();
        }
        return e.value() instanceof Bytes b && compare.expected().equals(Optional.of(b));
    }
}
