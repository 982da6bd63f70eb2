package dev.lockstep.lin;

import static dev.lockstep.lin.TypedValues.string;
import static dev.lockstep.lin.TypedValues.hash;
import static dev.lockstep.lin.TypedValues.list;
import static dev.lockstep.lin.TypedValues.setOf;
import static dev.lockstep.lin.TypedValues.zset;
import static dev.lockstep.lin.TypedValues.typed;
import static dev.lockstep.lin.TypedValues.hashCopy;
import static dev.lockstep.lin.TypedValues.listCopy;
import static dev.lockstep.lin.TypedValues.setCopy;
import static dev.lockstep.lin.TypedValues.zsetCopy;
import static dev.lockstep.lin.TypedValues.range;
import static dev.lockstep.lin.ModelArgs.ascii;
import static dev.lockstep.lin.ModelArgs.bulk;
import static dev.lockstep.lin.ModelArgs.concat;
import static dev.lockstep.lin.ModelArgs.integer;
import static dev.lockstep.lin.ModelArgs.nil;
import static dev.lockstep.lin.ModelArgs.score;
import static dev.lockstep.lin.ModelArgs.value;

import dev.lockstep.base.Bytes;
import dev.lockstep.kv.Command;
import dev.lockstep.kv.Result;
import dev.lockstep.lin.ModelValue.HashV;
import dev.lockstep.lin.ModelValue.ListV;
import dev.lockstep.lin.ModelValue.SetV;
import dev.lockstep.lin.ModelValue.Str;
import dev.lockstep.lin.ModelValue.ZSetV;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sequential specification of the key-value store, written independently of
 * {@code dev.lockstep.kv.KvStore} and of its Redis handlers, so the checker does not trust the
 * code under test. The state covers only the keys of one partition ({@link KeySlots}); it is
 * immutable so the search can memoise it.
 *
 * <p>Values are typed ({@link ModelValue}): the store's own commands work on strings (GET and
 * INCR of another type fail, a compare on another type never holds; PUT and DEL take any type),
 * and these Redis commands ({@link Command.Redis}) are specified as Redis 7 answers them:
 * GET SET (NX XX GET EX PX EXAT PXAT KEEPTTL) APPEND STRLEN GETDEL GETSET; EXPIRE PEXPIRE (NX XX
 * GT LT) TTL PTTL PERSIST; HSET HGET HDEL HLEN HGETALL HINCRBY; LPUSH RPUSH LPOP RPOP (without a
 * count) LRANGE LLEN; SADD SREM SISMEMBER SCARD SMEMBERS; ZADD (without options) ZINCRBY ZSCORE
 * ZREM ZCARD ZRANGE (by index, optionally WITHSCORES). Hashes, sets and ZRANGE ties list in byte
 * order (the store's documented order; Redis's own is unspecified). An emptied collection is
 * removed. A failing command (wrong type, bad argument) changes nothing. Any other command, or
 * option of one, has no model: {@link IllegalArgumentException}.
 *
 * <p><b>Time and expiry.</b> A command stamped {@link Command.Timed} (also inside
 * {@link Command.Acked}) is decided at its stamp {@code now}, in ms; each key may carry an
 * absolute expiry time ({@link ModelState#expireAt}). For that command a key whose expiry time is
 * {@code <= now} is absent: reads answer nil / 0 / -2, writes find no key. SET (and GETSET, PUT,
 * CAS) clears the expiry unless KEEPTTL; SET .. PX ms / EX s sets it to {@code now + ms}
 * (EXAT/PXAT: the absolute time); PEXPIRE/EXPIRE set it to {@code now + ms} and answer 1, or 0 for
 * an absent key (or a refused NX/XX/GT/LT), and delete the key at once when that time is {@code
 * <= now}; PTTL is -2 (absent), -1 (no expiry) or {@code expireAt - now}, TTL the same rounded to
 * seconds; PERSIST answers 1 when it removed an expiry, else 0; INCR, APPEND and changes of a
 * collection keep the expiry; DEL, GETDEL and emptying a collection remove the key with it. A
 * command without a stamp sees no key expire, and those that need the time (PEXPIRE, SET .. PX,
 * PTTL of a key with an expiry) fail.
 *
 * <p>Lazy expiry, as the store does it: a command that writes (a transaction with at least one
 * writing op, every op of it included, its compares too) deletes each expired key it meets, which
 * later commands stamped <em>earlier</em> (a retried or slow request) can tell. A read-only
 * command (a read, or a transaction of reads only) never changes the state, however the protocol
 * serves it (outside the log, as Raft's ReadIndex, or through it): an expired key it meets stays
 * in place, still visible to a later command stamped before its expiry time. The model is
 * deterministic: one state after each command.
 */
final class KvModel {
    private KvModel() {}

    /** The stamp of a command that carries no time: nothing expires for it. */
    static final long NO_CLOCK = Long.MIN_VALUE;

    /** The state after an operation and the result the specification returns for it. */
    record Outcome(ModelState state, Result result) {}

    static Outcome apply(ModelState state, KeySlots slots, Command command) {
        long now = NO_CLOCK;
        Command c = command;
        if (c instanceof Command.Acked a) {
            c = a.command();
        }
        if (c instanceof Command.Timed t) {
            now = t.nowMillis();
            c = t.command();
        }
        boolean writing = !c.isReadOnly();
        Ctx x = new Ctx(slots, state.copyValues(), state.copyExpiry(), now, writing);
        Result result = run(x, c);
        // a read-only command changes nothing, an expired key it met included
        return new Outcome(writing ? state.derive(x.v, x.exp) : state, result);
    }

    /** One command's view of the state: values and expiry times being changed, and its stamp. */
    private static final class Ctx {
        final KeySlots slots;
        final ModelValue[] v;
        final long[] exp;
        final long now;
        /** False for a read-only command: it deletes no expired key (and changes nothing else). */
        final boolean writing;

        Ctx(KeySlots slots, ModelValue[] v, long[] exp, long now, boolean writing) {
            this.slots = slots;
            this.v = v;
            this.exp = exp;
            this.now = now;
            this.writing = writing;
        }

        boolean expired(int s) {
            return exp[s] != ModelState.NO_EXPIRY && now != NO_CLOCK && exp[s] <= now;
        }

        /**
         * The live value of the key at {@code s}, or null; a writing command deletes an expired
         * key, a read-only one leaves it in place.
         */
        ModelValue meet(int s) {
            if (!expired(s)) {
                return v[s];
            }
            if (writing) {
                v[s] = null;
                exp[s] = ModelState.NO_EXPIRY;
            }
            return null;
        }

        /** A change of the value that keeps its expiry (INCR, APPEND, HSET, ...); null deletes the key. */
        void keep(int s, ModelValue value) {
            v[s] = value;
            if (value == null) {
                exp[s] = ModelState.NO_EXPIRY;
            }
        }

        /** A new value without expiry (SET, GETSET, PUT, CAS), or null: the key deleted. */
        void replace(int s, ModelValue value) {
            v[s] = value;
            exp[s] = ModelState.NO_EXPIRY;
        }

        /** The command's time; a command without a stamp cannot compute a relative expiry or a TTL. */
        long now() throws Failure {
            if (now == NO_CLOCK) {
                throw new Failure("ERR the command carries no time (model)");
            }
            return now;
        }
    }

    static final String WRONG_TYPE = "WRONGTYPE (model)";

    private static Result run(Ctx x, Command c) {
        KeySlots slots = x.slots;
        if (c instanceof Command.Get g) {
            ModelValue value = x.meet(slots.slot(g.key()));
            if (value == null) {
                return nil();
            }
            return value instanceof Str s ? bulk(s.value()) : new Result.Error(WRONG_TYPE);
        } else if (c instanceof Command.Put p) {
            return put(x, slots.slot(p.key()), p);
        } else if (c instanceof Command.Delete d) {
            int s = slots.slot(d.key());
            boolean existed = x.meet(s) != null;
            x.replace(s, null);
            return new Result.Int(existed ? 1 : 0);
        } else if (c instanceof Command.Cas cas) {
            int s = slots.slot(cas.key());
            if (!holds(x.meet(s), cas.expected())) {
                return Result.NotApplied.INSTANCE;
            }
            x.replace(s, new Str(cas.newValue()));
            return Result.Ok.INSTANCE;
        } else if (c instanceof Command.Incr i) {
            return incr(x, slots.slot(i.key()), i.delta());
        } else if (c instanceof Command.Txn t) {
            return txn(x, t);
        } else if (c instanceof Command.Redis r) {
            ModelValue[] values = x.v.clone();
            long[] expiry = x.exp.clone();
            try {
                return redis(x, r.argv());
            } catch (Failure f) {
                // a failing command changes nothing (nor deletes an expired key: its arguments fail first)
                System.arraycopy(values, 0, x.v, 0, values.length);
                System.arraycopy(expiry, 0, x.exp, 0, expiry.length);
                return new Result.Error(f.getMessage());
            }
        } else if (c instanceof Command.Noop) {
            return Result.Ok.INSTANCE;
        }
        throw new IllegalArgumentException("no model for " + c);
    }

    /** A compare: absent when {@code expected} is empty, else a string equal to it. */
    private static boolean holds(ModelValue current, Optional<Bytes> expected) {
        if (current == null) {
            return expected.isEmpty();
        }
        return current instanceof Str s && expected.isPresent() && expected.get().equals(s.value());
    }

    private static Result put(Ctx x, int s, Command.Put p) {
        boolean present = x.meet(s) != null;
        boolean write = p.condition() == Command.Condition.ALWAYS
                || (p.condition() == Command.Condition.IF_ABSENT && !present)
                || (p.condition() == Command.Condition.IF_PRESENT && present);
        if (!write) {
            return Result.NotApplied.INSTANCE;
        }
        x.replace(s, new Str(p.value()));
        return Result.Ok.INSTANCE;
    }

    /** INCRBY keeps the key's expiry, as in Redis. */
    private static Result incr(Ctx x, int s, long delta) {
        ModelValue cur = x.meet(s);
        if (cur != null && !(cur instanceof Str)) {
            return new Result.Error(WRONG_TYPE);
        }
        long next;
        try {
            long current = cur == null ? 0 : Long.parseLong(((Str) cur).value().utf8());
            next = Math.addExact(current, delta);
        } catch (NumberFormatException | ArithmeticException e) {
            return new Result.Error("not an integer");
        }
        x.keep(s, new Str(ascii(Long.toString(next))));
        return new Result.Int(next);
    }

    private static Result txn(Ctx x, Command.Txn t) {
        if (!t.watches().isEmpty()) {
            throw new IllegalArgumentException("no model for WATCH (key versions): " + t);
        }
        for (Command.Compare cmp : t.compares()) {
            if (!holds(x.meet(x.slots.slot(cmp.key())), cmp.expected())) {
                return Result.Aborted.INSTANCE;
            }
        }
        List<Result> results = new ArrayList<>(t.ops().size());
        for (Command op : t.ops()) {
            results.add(run(x, op));
        }
        return new Result.Multi(results);
    }

    // ---------------------------------------------------------------- Redis commands

    /** Redis's arity convention: n exactly, -n at least n, the name included. */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("get", 2), Map.entry("set", -3),
            Map.entry("expire", -3), Map.entry("pexpire", -3), Map.entry("ttl", 2), Map.entry("pttl", 2),
            Map.entry("persist", 2),
            Map.entry("append", 3), Map.entry("strlen", 2), Map.entry("getdel", 2), Map.entry("getset", 3),
            Map.entry("hset", -4), Map.entry("hget", 3), Map.entry("hdel", -3), Map.entry("hlen", 2),
            Map.entry("hgetall", 2), Map.entry("hincrby", 4),
            Map.entry("lpush", -3), Map.entry("rpush", -3), Map.entry("lpop", -2), Map.entry("rpop", -2),
            Map.entry("lrange", 4), Map.entry("llen", 2),
            Map.entry("sadd", -3), Map.entry("srem", -3), Map.entry("sismember", 3), Map.entry("scard", 2),
            Map.entry("smembers", 2),
            Map.entry("zadd", -4), Map.entry("zincrby", 4), Map.entry("zscore", 3), Map.entry("zrem", -3),
            Map.entry("zcard", 2), Map.entry("zrange", -4));

    /** True when the model specifies this Redis command (by name; every one names its key first). */
    static boolean specifies(Command.Redis r) {
        return ARITY.containsKey(r.argv().get(0).utf8().toLowerCase(Locale.ROOT)) && r.argv().size() >= 2;
    }

    private static final Set<String> ZADD_OPTIONS = Set.of("nx", "xx", "gt", "lt", "ch", "incr");

    /** Every command below computes its new value first and stores it last: a failure changes nothing. */
    private static Result redis(Ctx x, List<Bytes> argv) throws Failure {
        String name = argv.get(0).utf8().toLowerCase(Locale.ROOT);
        Integer arity = ARITY.get(name);
        if (arity == null) {
            throw new IllegalArgumentException("no model for Redis command " + name.toUpperCase(Locale.ROOT));
        }
        int argc = argv.size();
        if (arity > 0 ? argc != arity : argc < -arity) {
            throw new Failure("ERR wrong number of arguments (model)");
        }
        int s = x.slots.slot(argv.get(1));
        ModelValue cur = x.meet(s);
        switch (name) {
            // ---- strings
            case "get":
                return value(string(cur));
            case "set":
                return set(x, s, cur, argv);
            // ---- expiry
            case "expire":
            case "pexpire":
                return expire(x, s, cur, argv, name.equals("expire") ? 1000 : 1);
            case "ttl":
            case "pttl": {
                if (cur == null) {
                    return new Result.Int(-2);
                }
                if (x.exp[s] == ModelState.NO_EXPIRY) {
                    return new Result.Int(-1);
                }
                long left = Math.max(0, x.exp[s] - x.now());
                return new Result.Int(name.equals("ttl") ? (left + 500) / 1000 : left);
            }
            case "persist": {
                if (cur == null || x.exp[s] == ModelState.NO_EXPIRY) {
                    return new Result.Int(0);
                }
                x.exp[s] = ModelState.NO_EXPIRY;
                return new Result.Int(1);
            }
            case "append": {
                Bytes old = string(cur);
                Bytes next = old == null ? argv.get(2) : concat(old, argv.get(2));
                x.keep(s, new Str(next));
                return new Result.Int(next.length());
            }
            case "strlen": {
                Bytes old = string(cur);
                return new Result.Int(old == null ? 0 : old.length());
            }
            case "getdel": {
                Bytes old = string(cur);
                x.replace(s, null);
                return value(old);
            }
            case "getset": {
                Bytes old = string(cur);
                x.replace(s, new Str(argv.get(2)));
                return value(old);
            }
            // ---- hashes
            case "hset": {
                if (argc % 2 != 0) {
                    throw new Failure("ERR wrong number of arguments (model)");
                }
                TreeMap<Bytes, Bytes> fields = hashCopy(cur);
                int added = 0;
                for (int i = 2; i < argc; i += 2) {
                    if (fields.put(argv.get(i), argv.get(i + 1)) == null) {
                        added++;
                    }
                }
                x.keep(s, new HashV(fields));
                return new Result.Int(added);
            }
            case "hget": {
                HashV h = hash(cur);
                return value(h == null ? null : h.fields().get(argv.get(2)));
            }
            case "hdel": {
                TreeMap<Bytes, Bytes> fields = hashCopy(cur);
                int removed = 0;
                for (int i = 2; i < argc; i++) {
                    if (fields.remove(argv.get(i)) != null) {
                        removed++;
                    }
                }
                x.keep(s, fields.isEmpty() ? null : new HashV(fields));
                return new Result.Int(removed);
            }
            case "hlen": {
                HashV h = hash(cur);
                return new Result.Int(h == null ? 0 : h.fields().size());
            }
            case "hgetall": {
                HashV h = hash(cur);
                List<Result> out = new ArrayList<>();
                if (h != null) {
                    h.fields().forEach((f, val) -> {
                        out.add(bulk(f));
                        out.add(bulk(val));
                    });
                }
                return new Result.Array(out, Result.Shape.MAP);
            }
            case "hincrby": {
                long delta = integer(argv.get(3));
                TreeMap<Bytes, Bytes> fields = hashCopy(cur);
                Bytes old = fields.get(argv.get(2));
                long current = 0;
                if (old != null) {
                    try {
                        current = integer(old);
                    } catch (Failure f) {
                        throw new Failure("ERR hash value is not an integer (model)");
                    }
                }
                long next;
                try {
                    next = Math.addExact(current, delta);
                } catch (ArithmeticException e) {
                    throw new Failure("ERR increment or decrement would overflow (model)");
                }
                fields.put(argv.get(2), ascii(Long.toString(next)));
                x.keep(s, new HashV(fields));
                return new Result.Int(next);
            }
            // ---- lists
            case "lpush":
            case "rpush": {
                List<Bytes> items = listCopy(cur);
                for (int i = 2; i < argc; i++) {
                    if (name.equals("lpush")) {
                        items.add(0, argv.get(i));
                    } else {
                        items.add(argv.get(i));
                    }
                }
                x.keep(s, new ListV(items));
                return new Result.Int(items.size());
            }
            case "lpop":
            case "rpop": {
                if (argc != 2) {
                    throw new IllegalArgumentException("no model for " + name.toUpperCase(Locale.ROOT) + " with a count");
                }
                List<Bytes> items = listCopy(cur);
                if (items.isEmpty()) {
                    return nil();
                }
                Bytes popped = name.equals("lpop") ? items.remove(0) : items.remove(items.size() - 1);
                x.keep(s, items.isEmpty() ? null : new ListV(items));
                return bulk(popped);
            }
            case "lrange": {
                long start = integer(argv.get(2));
                long stop = integer(argv.get(3));
                ListV l = list(cur);
                List<Result> out = new ArrayList<>();
                if (l != null) {
                    for (Bytes b : range(l.items(), start, stop)) {
                        out.add(bulk(b));
                    }
                }
                return new Result.Array(out);
            }
            case "llen": {
                ListV l = list(cur);
                return new Result.Int(l == null ? 0 : l.items().size());
            }
            // ---- sets
            case "sadd":
            case "srem": {
                TreeSet<Bytes> members = setCopy(cur);
                int changed = 0;
                for (int i = 2; i < argc; i++) {
                    if (name.equals("sadd") ? members.add(argv.get(i)) : members.remove(argv.get(i))) {
                        changed++;
                    }
                }
                x.keep(s, members.isEmpty() ? null : new SetV(members));
                return new Result.Int(changed);
            }
            case "sismember": {
                SetV set = setOf(cur);
                return new Result.Int(set != null && set.members().contains(argv.get(2)) ? 1 : 0);
            }
            case "scard": {
                SetV set = setOf(cur);
                return new Result.Int(set == null ? 0 : set.members().size());
            }
            case "smembers": {
                SetV set = setOf(cur);
                List<Result> out = new ArrayList<>();
                if (set != null) {
                    set.members().forEach(m -> out.add(bulk(m)));
                }
                return new Result.Array(out, Result.Shape.SET);
            }
            // ---- sorted sets
            case "zadd": {
                if (ZADD_OPTIONS.contains(argv.get(2).utf8().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("no model for ZADD options: " + argv);
                }
                if ((argc - 2) % 2 != 0) {
                    throw new Failure("ERR syntax error (model)");
                }
                double[] scores = new double[(argc - 2) / 2];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = score(argv.get(2 + 2 * i));
                }
                TreeMap<Bytes, Double> zset = zsetCopy(cur);
                int added = 0;
                for (int i = 0; i < scores.length; i++) {
                    Bytes member = argv.get(3 + 2 * i);
                    Double old = zset.get(member);
                    if (old == null) {
                        added++;
                        zset.put(member, scores[i]);
                    } else if (old != scores[i]) { // numerically: -0 and 0 are the same score
                        zset.put(member, scores[i]);
                    }
                }
                x.keep(s, new ZSetV(zset));
                return new Result.Int(added);
            }
            case "zincrby": {
                double delta = score(argv.get(2));
                TreeMap<Bytes, Double> zset = zsetCopy(cur);
                Double old = zset.get(argv.get(3));
                double next = old == null ? delta : old + delta;
                if (Double.isNaN(next)) {
                    throw new Failure("ERR resulting score is not a number (NaN) (model)");
                }
                if (old == null || old != next) {
                    zset.put(argv.get(3), next);
                }
                x.keep(s, new ZSetV(zset));
                return new Result.Score(next);
            }
            case "zscore": {
                ZSetV z = zset(cur);
                Double score = z == null ? null : z.scores().get(argv.get(2));
                return score == null ? nil() : new Result.Score(score);
            }
            case "zrem": {
                TreeMap<Bytes, Double> zset = zsetCopy(cur);
                int removed = 0;
                for (int i = 2; i < argc; i++) {
                    if (zset.remove(argv.get(i)) != null) {
                        removed++;
                    }
                }
                x.keep(s, zset.isEmpty() ? null : new ZSetV(zset));
                return new Result.Int(removed);
            }
            case "zcard": {
                ZSetV z = zset(cur);
                return new Result.Int(z == null ? 0 : z.scores().size());
            }
            case "zrange": {
                boolean withScores;
                if (argc == 4) {
                    withScores = false;
                } else if (argc == 5 && argv.get(4).utf8().equalsIgnoreCase("withscores")) {
                    withScores = true;
                } else {
                    throw new IllegalArgumentException("no model for ZRANGE options: " + argv);
                }
                long start = integer(argv.get(2));
                long stop = integer(argv.get(3));
                ZSetV z = zset(cur);
                List<Result> out = new ArrayList<>();
                if (z != null) {
                    for (Map.Entry<Bytes, Double> e : range(z.ranked(), start, stop)) {
                        out.add(bulk(e.getKey()));
                        if (withScores) {
                            out.add(new Result.Score(e.getValue()));
                        }
                    }
                }
                return new Result.Array(out, withScores ? Result.Shape.PAIRS : Result.Shape.LIST);
            }
            default:
                throw new IllegalStateException("arity listed without a model: " + name);
        }
    }

    /**
     * {@code SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL]} as Redis 7
     * parses it (t_string.c): NX and XX exclude each other, one expiry option or KEEPTTL, a repeated
     * option is allowed (the last value counts); the expiry value must be a positive integer and
     * the absolute time positive, else "invalid expire time", before the key is looked at. With
     * GET: WRONGTYPE (nothing set) when the key holds another type, else the old value whether or
     * not the condition held; without: OK, or nil when NX/XX refused.
     */
    private static Result set(Ctx x, int s, ModelValue cur, List<Bytes> argv) throws Failure {
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        String expiry = null;
        Bytes expiryArg = null;
        for (int i = 3; i < argv.size(); i++) {
            String opt = argv.get(i).utf8().toUpperCase(Locale.ROOT);
            boolean hasNext = i + 1 < argv.size();
            if (opt.equals("NX") && !xx) {
                nx = true;
            } else if (opt.equals("XX") && !nx) {
                xx = true;
            } else if (opt.equals("GET")) {
                get = true;
            } else if (opt.equals("KEEPTTL") && expiry == null) {
                keepTtl = true;
            } else if ((opt.equals("EX") || opt.equals("PX") || opt.equals("EXAT") || opt.equals("PXAT"))
                    && !keepTtl && (expiry == null || expiry.equals(opt)) && hasNext) {
                expiry = opt;
                expiryArg = argv.get(++i);
            } else {
                throw new Failure("ERR syntax error (model)");
            }
        }
        long at = ModelState.NO_EXPIRY;
        if (expiry != null) {
            long n = integer(expiryArg);
            boolean seconds = expiry.startsWith("E");
            if (n <= 0 || (seconds && n > Long.MAX_VALUE / 1000)) {
                throw new Failure("ERR invalid expire time in 'set' command (model)");
            }
            long ms = seconds ? n * 1000 : n;
            if (expiry.endsWith("AT")) {
                at = ms;
            } else {
                try {
                    at = Math.addExact(x.now(), ms);
                } catch (ArithmeticException e) {
                    throw new Failure("ERR invalid expire time in 'set' command (model)");
                }
                if (at <= 0) {
                    throw new Failure("ERR invalid expire time in 'set' command (model)");
                }
            }
        }
        Bytes old = get ? string(cur) : null;
        boolean write = !(nx && cur != null) && !(xx && cur == null);
        if (write) {
            if (keepTtl) {
                x.keep(s, new Str(argv.get(2)));
            } else {
                x.replace(s, new Str(argv.get(2)));
            }
            if (at != ModelState.NO_EXPIRY) {
                x.exp[s] = at;
            }
        }
        if (get) {
            return value(old);
        }
        return write ? Result.Ok.INSTANCE : Result.NotApplied.INSTANCE;
    }

    /**
     * {@code EXPIRE / PEXPIRE key n [NX | XX | GT | LT]} as Redis 7 does it (expire.c): options
     * (NX alone; GT and LT not together), then the time {@code now + n * unit} (an overflow is
     * "invalid expire time"), then the key: 0 when absent, 0 when the option refuses (NX: it has
     * an expiry; XX: it has none; GT: none, or not later; LT: it has one not later than the new),
     * else 1, and a time {@code <= now} deletes the key.
     */
    private static Result expire(Ctx x, int s, ModelValue cur, List<Bytes> argv, long unit) throws Failure {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < argv.size(); i++) {
            switch (argv.get(i).utf8().toUpperCase(Locale.ROOT)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                default -> throw new Failure("ERR Unsupported option " + argv.get(i) + " (model)");
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new Failure("ERR NX and XX, GT or LT options at the same time are not compatible (model)");
        }
        if (gt && lt) {
            throw new Failure("ERR GT and LT options at the same time are not compatible (model)");
        }
        long n = integer(argv.get(2));
        long now = x.now();
        long at;
        try {
            at = Math.addExact(now, Math.multiplyExact(n, unit));
        } catch (ArithmeticException e) {
            throw new Failure("ERR invalid expire time (model)");
        }
        if (cur == null) {
            return new Result.Int(0);
        }
        long current = x.exp[s];
        boolean persistent = current == ModelState.NO_EXPIRY;
        if ((nx && !persistent) || (xx && persistent) || (gt && (persistent || at <= current))
                || (lt && !persistent && at >= current)) {
            return new Result.Int(0);
        }
        if (at <= now) {
            x.replace(s, null);
        } else {
            x.exp[s] = at;
        }
        return new Result.Int(1);
    }

    /** Redis 7.2's score text ({@link ModelArgs#formatScore}), for reports. */
    static String formatScore(double d) {
        return ModelArgs.formatScore(d);
    }

    static boolean matches(Result expected, Result observed) {
        if (expected instanceof Result.Error) {
            return observed instanceof Result.Error;
        }
        if (expected instanceof Result.Multi e && observed instanceof Result.Multi o) {
            return allMatch(e.results(), o.results());
        }
        if (expected instanceof Result.Array e && observed instanceof Result.Array o) {
            return wireShape(e) == wireShape(o) && allMatch(e.elements(), o.elements());
        }
        return expected.equals(observed);
    }

    /**
     * An array's shape as a client sees it: no pairs are written as an empty array (RESP3 and
     * RESP2 {@code *0}), the same reply as an empty list (ZRANGE .. WITHSCORES of a missing key).
     */
    private static Result.Shape wireShape(Result.Array a) {
        return a.shape() == Result.Shape.PAIRS && a.elements().isEmpty() ? Result.Shape.LIST : a.shape();
    }

    private static boolean allMatch(List<Result> expected, List<Result> observed) {
        if (expected.size() != observed.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!matches(expected.get(i), observed.get(i))) {
                return false;
            }
        }
        return true;
    }
}
